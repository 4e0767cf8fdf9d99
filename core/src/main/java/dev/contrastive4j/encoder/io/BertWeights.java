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

    /** The weight of that name; fails if absent. */
    public FloatTensor get(String name) {
        FloatTensor tensor = tensors.get(name);
        if (tensor == null) {
            throw new IllegalArgumentException("no weight '" + name + "'");
        }
        return tensor;
    }
}
