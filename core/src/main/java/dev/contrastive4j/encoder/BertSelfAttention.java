package dev.contrastive4j.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.contrastive4j.engine.FusedAttention;
import dev.contrastive4j.spi.GraphScalars;

/**
 * Multi-head scaled dot-product self-attention without the output projection (Hugging Face's
 * {@code BertSelfAttention}).
 *
 * <p>Inputs: hidden states {@code (B, T, H)} and an additive mask {@code (B, 1, 1, T)} that holds 0 for real
 * tokens and a large negative value for padding. Output: the heads' context vectors concatenated,
 * {@code (B, T, H)}. Per head: {@code softmax(Q·Kᵀ / √d + mask) → dropout → ·V}, fused into one libtorch
 * operator where no dropout applies.
 */
final class BertSelfAttention extends AbstractBlock {

    private final int heads;
    private final int headSize;
    private final double scale;
    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final ParallelDropout dropout;
    private final double dropoutRate;

    BertSelfAttention(BertConfig config) {
        heads = config.numAttentionHeads();
        headSize = config.attentionHeadSize();
        scale = Math.sqrt(headSize);
        query = addChildBlock("query", Linear.builder().setUnits(config.hiddenSize()).build());
        key = addChildBlock("key", Linear.builder().setUnits(config.hiddenSize()).build());
        value = addChildBlock("value", Linear.builder().setUnits(config.hiddenSize()).build());
        dropoutRate = config.attentionProbsDropoutProb();
        dropout = addChildBlock("dropout", new ParallelDropout(config.attentionProbsDropoutProb()));
    }

    Linear query() {
        return query;
    }

    Linear key() {
        return key;
    }

    Linear value() {
        return value;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray hidden = inputs.get(0);
        NDArray additiveMask = inputs.get(1);
        long batch = hidden.getShape().get(0);
        long length = hidden.getShape().get(1);

        NDArray queries = query.forward(parameterStore, new NDList(hidden), training).head();
        NDArray k = splitHeads(key.forward(parameterStore, new NDList(hidden), training).head(), batch, length);
        NDArray v = splitHeads(value.forward(parameterStore, new NDList(hidden), training).head(), batch, length);
        NDArray context = fused(training, length)
                ? FusedAttention.attend(splitHeads(queries, batch, length), k, v, additiveMask, 1 / scale)
                : unfusedAttention(parameterStore, queries, k, v, additiveMask, batch, length, training);
        // (B, heads, T, d) → (B, T, H)
        return new NDList(context.transpose(0, 2, 1, 3).reshape(batch, length, (long) heads * headSize));
    }

    /**
     * Texts shorter than this (padded) run attention step by step. Measured with {@code c4j bench encode --long}
     * on the 2-core AMD EPYC machine, side by side with ONNX Runtime: at 256 tokens the fused operator ran at
     * 0.94-0.96x ONNX Runtime's speed against 0.54-0.56x step by step, at 128 tokens at 0.59-0.73x against
     * 0.86-1.10x. libtorch's CPU kernel splits the queries into blocks of 32 below 192 tokens and of 64 from there;
     * its many small products lose to one batched product at short lengths.
     */
    static final int FUSED_MIN_LENGTH = 192;

    /**
     * Whether this pass runs libtorch's fused attention: for texts of at least {@link #FUSED_MIN_LENGTH} tokens
     * whenever no dropout applies to the attention probabilities (inference, or a model without attention
     * dropout). The fused kernel has no dropout of its own on the CPU, and with dropout libtorch would fall back to
     * the same unfused steps as below.
     */
    private boolean fused(boolean training, long length) {
        return runsFused(dropoutRate, training, length);
    }

    /** Whether attention with this dropout rate runs fused in a pass of this mode and length (see {@link #fused}). */
    static boolean runsFused(double attentionDropoutRate, boolean training, long paddedLength) {
        return (!training || attentionDropoutRate == 0) && paddedLength >= FUSED_MIN_LENGTH
                && FusedAttention.available();
    }

    /** {@code softmax(Q·Kᵀ/√d + mask) → dropout → ·V} step by step, each intermediate freed once unneeded. */
    private NDArray unfusedAttention(ParameterStore parameterStore, NDArray queries, NDArray k, NDArray v,
            NDArray additiveMask, long batch, long length, boolean training) {
        // Q is scaled before Q·Kᵀ rather than the scores after it: (B, T, H) values instead of (B, heads, T, T).
        // A PyTorch-owned factor: backward reads it after this scope's arrays are gone (see GraphScalars).
        NDArray q = splitHeads(queries.mul(GraphScalars.of(queries.getManager(), 1 / scale,
                queries.getDataType())), batch, length);
        // The mask is added in place: the product's backward reads Q and K, never the product itself.
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).addi(additiveMask);
        int padding = training ? 0 : softmaxPadding(length);
        if (padding > 0) {
            NDArray padded = scores.pad(new Shape(0, padding), BertModelBlock.MASKED_SCORE);
            scores.close();
            // The padded columns' probabilities are exactly 0; the view leaves them out of the product with V.
            NDArray probabilities = padded.softmax(-1);
            padded.close();
            return probabilities.get(new NDIndex("..., :" + length)).matMul(v);
        }
        NDArray probabilities = scores.softmax(-1);
        // Softmax's backward reads its output, not its input: the scores can go now, not with the layer.
        scores.close();
        probabilities = dropout.forward(parameterStore, new NDList(probabilities), training).head();
        return probabilities.matMul(v);
    }

    /**
     * How many masked columns inference adds to the attention scores of texts of {@code paddedLength} tokens before
     * the softmax: up to {@value #SOFTMAX_VECTOR} columns for rows shorter than that, none otherwise. libtorch's CPU
     * softmax works through a row in vectors of 16 floats and handles what is left of a row shorter than a vector
     * element by element; on the 2-core AMD EPYC machine a softmax of (32, 12, 10, 10) scores took 1,017 µs against
     * 156 µs for (32, 12, 16, 16), four times the elements. Padded with the mask's own value, the added columns get
     * probability 0 and the rows' probabilities stay the same up to float rounding.
     */
    static int softmaxPadding(long paddedLength) {
        return paddedLength < SOFTMAX_VECTOR ? (int) (SOFTMAX_VECTOR - paddedLength) : 0;
    }

    /** The width of libtorch's float vectors on AVX-512 (see {@link #softmaxPadding}). */
    private static final int SOFTMAX_VECTOR = 16;

    /** {@code (B, T, H)} → {@code (B, heads, T, d)}. */
    private NDArray splitHeads(NDArray projected, long batch, long length) {
        return projected.reshape(batch, length, heads, headSize).transpose(0, 2, 1, 3);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape hidden = inputShapes[0];
        query.initialize(manager, dataType, hidden);
        key.initialize(manager, dataType, hidden);
        value.initialize(manager, dataType, hidden);
        Shape scores = new Shape(hidden.get(0), heads, hidden.get(1), hidden.get(1));
        dropout.initialize(manager, dataType, scores);
    }
}
