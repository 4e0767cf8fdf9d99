package dev.contrastive4j.encoder.io;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sizes of a BERT encoder, as its weights (and, for the number of heads, its graph or config) show them.
 *
 * @param vocabSize rows of the word embeddings
 * @param hiddenSize width of every hidden state
 * @param numLayers encoder layers
 * @param numHeads attention heads per layer (not visible in the weights)
 * @param intermediateSize width of the feed-forward layer
 * @param maxPositions rows of the position embeddings
 * @param typeVocabSize rows of the token type embeddings
 * @param hasPooler whether the {@code pooler.dense} weights are present
 */
public record BertDimensions(int vocabSize, int hiddenSize, int numLayers, int numHeads, int intermediateSize,
                             int maxPositions, int typeVocabSize, boolean hasPooler) {

    private static final Pattern LAYER_INDEX = Pattern.compile("encoder\\.layer\\.(\\d+)\\..*");

    /**
     * Infers the sizes from Hugging Face-named weights and checks that every weight of that BERT is present
     * with the shape those sizes imply.
     *
     * @param weights weights with {@link BertWeightNames normalised} names; other entries are ignored
     * @param numHeads the number of attention heads, which must divide the hidden size
     * @param source the file the weights came from, for messages
     * @throws ModelFormatException if a weight is missing or misshapen, or the weights are not a BERT encoder
     */
    public static BertDimensions infer(Map<String, FloatTensor> weights, int numHeads, String source) {
        FloatTensor words = require(weights, BertWeightNames.WORD_EMBEDDINGS, source);
        if (words.rank() != 2) {
            throw new ModelFormatException(source + ": '" + BertWeightNames.WORD_EMBEDDINGS + "' has shape "
                    + Arrays.toString(words.shape()) + ", expected [vocab, hidden]");
        }
        int vocab = (int) words.dim(0);
        int hidden = (int) words.dim(1);
        int positions = rows(weights, BertWeightNames.POSITION_EMBEDDINGS, hidden, source);
        int types = rows(weights, BertWeightNames.TOKEN_TYPE_EMBEDDINGS, hidden, source);
        int layers = layerCount(weights, source);
        String firstIntermediate = BertWeightNames.layer(0, "intermediate.dense.bias");
        FloatTensor intermediateBias = require(weights, firstIntermediate, source);
        if (intermediateBias.rank() != 1) {
            throw new ModelFormatException(source + ": '" + firstIntermediate + "' has shape "
                    + Arrays.toString(intermediateBias.shape()) + ", expected [intermediate]");
        }
        int intermediate = (int) intermediateBias.dim(0);
        if (numHeads <= 0 || hidden % numHeads != 0) {
            throw new ModelFormatException(source + ": " + numHeads + " attention heads do not divide hidden size "
                    + hidden);
        }
        boolean pooler = weights.containsKey(BertWeightNames.POOLER_WEIGHT)
                || weights.containsKey(BertWeightNames.POOLER_BIAS);
        BertDimensions dimensions = new BertDimensions(vocab, hidden, layers, numHeads, intermediate, positions,
                types, pooler);
        for (String name : BertWeightNames.expectedNames(layers, pooler)) {
            long[] expected = dimensions.expectedShape(name);
            long[] actual = require(weights, name, source).shape();
            if (!Arrays.equals(expected, actual)) {
                throw new ModelFormatException(source + ": '" + name + "' has shape " + Arrays.toString(actual)
                        + ", expected " + Arrays.toString(expected) + " (hidden " + hidden + ", intermediate "
                        + intermediate + ")");
            }
        }
        return dimensions;
    }

    /** The Hugging Face shape of a weight of this BERT, by its name. */
    public long[] expectedShape(String name) {
        if (name.equals(BertWeightNames.WORD_EMBEDDINGS)) {
            return new long[] {vocabSize, hiddenSize};
        }
        if (name.equals(BertWeightNames.POSITION_EMBEDDINGS)) {
            return new long[] {maxPositions, hiddenSize};
        }
        if (name.equals(BertWeightNames.TOKEN_TYPE_EMBEDDINGS)) {
            return new long[] {typeVocabSize, hiddenSize};
        }
        if (name.endsWith("intermediate.dense.weight")) {
            return new long[] {intermediateSize, hiddenSize};
        }
        if (name.endsWith("intermediate.dense.bias")) {
            return new long[] {intermediateSize};
        }
        if (name.matches("encoder\\.layer\\.\\d+\\.output\\.dense\\.weight")) {
            return new long[] {hiddenSize, intermediateSize};
        }
        if (name.endsWith(".weight") && !name.contains("LayerNorm")) {
            return new long[] {hiddenSize, hiddenSize};
        }
        return new long[] {hiddenSize};
    }

    /** Layers are numbered 0..n-1 with none missing; returns n. */
    private static int layerCount(Map<String, FloatTensor> weights, String source) {
        TreeSet<Long> indices = new TreeSet<>();
        for (String name : weights.keySet()) {
            Matcher m = LAYER_INDEX.matcher(name);
            if (m.matches()) {
                try {
                    indices.add(Long.parseLong(m.group(1)));
                } catch (NumberFormatException e) {
                    throw new ModelFormatException(source + ": layer index out of range in '" + name + "'");
                }
            }
        }
        if (indices.isEmpty()) {
            throw new ModelFormatException(source + ": no encoder.layer.N weights: not a BERT encoder");
        }
        for (long i = 0; i < indices.size(); i++) {
            if (!indices.contains(i)) {
                throw new ModelFormatException(source + ": encoder layer " + i + " is missing (found layers "
                        + indices + ")");
            }
        }
        return indices.size();
    }

    private static int rows(Map<String, FloatTensor> weights, String name, int hidden, String source) {
        FloatTensor tensor = require(weights, name, source);
        if (tensor.rank() != 2 || tensor.dim(1) != hidden) {
            throw new ModelFormatException(source + ": '" + name + "' has shape " + Arrays.toString(tensor.shape())
                    + ", expected [rows, " + hidden + "]");
        }
        return (int) tensor.dim(0);
    }

    private static FloatTensor require(Map<String, FloatTensor> weights, String name, String source) {
        FloatTensor tensor = weights.get(name);
        if (tensor == null) {
            throw new ModelFormatException(source + ": weight '" + name + "' is missing: not a complete BERT encoder");
        }
        return tensor;
    }
}
