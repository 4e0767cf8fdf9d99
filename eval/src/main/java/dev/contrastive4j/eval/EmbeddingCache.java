package dev.contrastive4j.eval;

import dev.contrastive4j.evaluation.TextEmbedder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link TextEmbedder} that remembers what it embedded, so that evaluators over the same texts (the
 * triplet and retrieval evaluators of one test split share every text) embed each text once.
 *
 * <p>Each call passes the texts not seen before, without repeats, to the model in one call, in first-seen
 * order. Memory is bounded: once {@code maxCachedValues} floats are held, new embeddings are still returned
 * but no longer kept, so a corpus far larger than memory streams through as it would without the cache.
 * Rows are copied on the way out, so a caller that modifies one cannot change what others get.
 *
 * <p>Valid for one model state only: make a new one for each evaluation (the model changes during training).
 */
public final class EmbeddingCache implements TextEmbedder {

    /** The default bound: 25 million floats, 100 MB (65,000 texts of 384 dimensions). */
    static final long DEFAULT_MAX_CACHED_VALUES = 25_000_000L;

    private final TextEmbedder model;
    private final long maxCachedValues;
    private final Map<String, float[]> cache = new HashMap<>();
    private long cachedValues;

    EmbeddingCache(TextEmbedder model, long maxCachedValues) {
        this.model = Objects.requireNonNull(model, "model");
        this.maxCachedValues = maxCachedValues;
    }

    public EmbeddingCache(TextEmbedder model) {
        this(model, DEFAULT_MAX_CACHED_VALUES);
    }

    @Override
    public float[][] embed(List<String> texts) {
        List<String> missing = new ArrayList<>(new LinkedHashSet<>(texts));
        missing.removeIf(cache::containsKey);
        Map<String, float[]> fresh = new HashMap<>();
        if (!missing.isEmpty()) {
            float[][] rows = model.embed(missing);
            if (rows == null || rows.length != missing.size()) {
                throw new IllegalStateException("the embedder returned " + (rows == null ? "null" : rows.length
                        + " rows") + " for a batch of " + missing.size() + " texts");
            }
            for (int i = 0; i < rows.length; i++) {
                fresh.put(missing.get(i), rows[i]);
                keep(missing.get(i), rows[i]);
            }
        }
        float[][] result = new float[texts.size()][];
        for (int i = 0; i < texts.size(); i++) {
            float[] row = fresh.containsKey(texts.get(i)) ? fresh.get(texts.get(i)) : cache.get(texts.get(i));
            result[i] = row == null ? null : row.clone();
        }
        return result;
    }

    /** The number of texts held. */
    int size() {
        return cache.size();
    }

    private void keep(String text, float[] row) {
        if (row != null && cachedValues + row.length <= maxCachedValues) {
            cache.put(text, row);
            cachedValues += row.length;
        }
    }
}
