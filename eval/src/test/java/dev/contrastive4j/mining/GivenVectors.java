package dev.contrastive4j.mining;

import dev.contrastive4j.evaluation.TextEmbedder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A stand-in model for mining tests: each text has a hand-made vector; records the largest call. */
final class GivenVectors implements TextEmbedder {

    final Map<String, float[]> vectors = new LinkedHashMap<>();
    int largestCall;
    int calls;

    GivenVectors with(String text, float... values) {
        vectors.put(text, values.clone());
        return this;
    }

    @Override
    public float[][] embed(List<String> texts) {
        calls++;
        largestCall = Math.max(largestCall, texts.size());
        float[][] rows = new float[texts.size()][];
        for (int i = 0; i < texts.size(); i++) {
            float[] vector = vectors.get(texts.get(i));
            if (vector == null) {
                throw new IllegalArgumentException("no vector for '" + texts.get(i) + "'");
            }
            rows[i] = vector.clone();
        }
        return rows;
    }
}
