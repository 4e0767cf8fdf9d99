package dev.contrastive4j.eval;

import dev.contrastive4j.evaluation.TextEmbedder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A fake model: each known text has a fixed vector. Records every batch it is asked to embed. */
final class FixedVectors implements TextEmbedder {

    private final Map<String, float[]> vectors = new LinkedHashMap<>();
    private final List<List<String>> batches = new ArrayList<>();

    /** Gives {@code text} the vector {@code values}. */
    FixedVectors with(String text, float... values) {
        vectors.put(text, values.clone());
        return this;
    }

    @Override
    public float[][] embed(List<String> texts) {
        batches.add(List.copyOf(texts));
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

    /** Every batch embedded so far, in call order. */
    List<List<String>> batches() {
        return batches;
    }

    /** Every text embedded so far, in call order, with repetitions. */
    List<String> embeddedTexts() {
        return batches.stream().flatMap(List::stream).toList();
    }
}
