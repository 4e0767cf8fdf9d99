package dev.contrastive4j.encoder.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A BERT encoder's weights under their Hugging Face names and in Hugging Face layout, in Hugging Face order,
 * with the sizes they imply.
 *
 * @param tensors the weights by {@link BertWeightNames name}, unmodifiable, in {@link LinkedHashMap} order
 * @param dimensions the encoder's sizes
 */
public record BertWeights(Map<String, FloatTensor> tensors, BertDimensions dimensions) {

    public BertWeights {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        Objects.requireNonNull(dimensions, "dimensions");
    }

    /**
     * The BERT encoder weights among Hugging Face-named tensors, e.g. as read from a {@code model.safetensors}:
     * names {@link BertWeightNames#normalize(Map, String) normalised}, completeness and shapes checked, put in
     * Hugging Face order; other tensors (task heads, integer buffers) left out.
     *
     * @param numHeads the number of attention heads, from the model's {@code config.json}
     * @param source the file the tensors came from, for messages
     * @throws ModelFormatException if a weight is missing or misshapen
     */
    public static BertWeights fromHuggingFace(Map<String, FloatTensor> tensors, int numHeads, String source) {
        Map<String, FloatTensor> normalized = BertWeightNames.normalize(tensors, source);
        BertDimensions dimensions = BertDimensions.infer(normalized, numHeads, source);
        Map<String, FloatTensor> ordered = new LinkedHashMap<>();
        for (String name : BertWeightNames.expectedNames(dimensions.numLayers(), dimensions.hasPooler())) {
            ordered.put(name, normalized.get(name));
        }
        return new BertWeights(ordered, dimensions);
    }

    /** The weight of that name; fails if absent. */
    public FloatTensor get(String name) {
        FloatTensor tensor = tensors.get(name);
        if (tensor == null) {
            throw new IllegalArgumentException("no weight '" + name + "'");
        }
        return tensor;
    }
}
