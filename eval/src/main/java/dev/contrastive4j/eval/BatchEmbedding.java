package dev.contrastive4j.eval;

import dev.contrastive4j.evaluation.TextEmbedder;
import dev.contrastive4j.spi.ContrastiveException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Calls a {@link TextEmbedder} batch by batch and checks what comes back, so that every evaluator gets
 * one finite row per text, all of one dimension.
 *
 * <p>A wrong number of rows or a change of dimension is a broken embedder ({@link IllegalStateException});
 * a NaN or infinite value is what a diverged model produces, so it is reported as a
 * {@link ContrastiveException} naming the text.
 *
 * <p>Public so that hard-negative mining ({@code dev.contrastive4j.mining}) checks embeddings the same way.
 */
public final class BatchEmbedding {

    private BatchEmbedding() {
    }

    /**
     * Embeds {@code texts} in consecutive batches of at most {@code batchSize}.
     *
     * @param expectedDimension the dimension the rows must have, or {@code -1} to accept the first batch's
     * @return one row per text, in order
     */
    public static float[][] embed(TextEmbedder embedder, List<String> texts, int batchSize, int expectedDimension) {
        requirePositive(batchSize);
        float[][] rows = new float[texts.size()][];
        int dimension = expectedDimension;
        for (int start = 0; start < texts.size(); start += batchSize) {
            List<String> batch = texts.subList(start, Math.min(start + batchSize, texts.size()));
            float[][] embedded = embedder.embed(batch);
            if (embedded == null || embedded.length != batch.size()) {
                throw new IllegalStateException("the embedder returned " + (embedded == null ? "null" : embedded.length
                        + " rows") + " for a batch of " + batch.size() + " texts");
            }
            for (int i = 0; i < embedded.length; i++) {
                float[] row = embedded[i];
                if (dimension < 0 && row != null) {
                    dimension = row.length;
                }
                if (row == null || row.length != dimension || dimension == 0) {
                    throw new IllegalStateException("the embedder returned a row of length "
                            + (row == null ? "null" : row.length) + " where " + dimension
                            + " was expected, for text '" + abbreviate(batch.get(i)) + "'");
                }
                requireFinite(row, batch.get(i));
                rows[start + i] = row;
            }
        }
        return rows;
    }

    /**
     * Embeds every distinct text once, in first-seen order and batches of at most {@code batchSize}.
     *
     * @return each distinct text's embedding
     */
    static Map<String, float[]> embedDistinct(TextEmbedder embedder, Collection<String> texts, int batchSize) {
        List<String> distinct = List.copyOf(new LinkedHashSet<>(texts));
        float[][] rows = embed(embedder, distinct, batchSize, -1);
        Map<String, float[]> byText = new HashMap<>(distinct.size() * 2);
        for (int i = 0; i < rows.length; i++) {
            byText.put(distinct.get(i), rows[i]);
        }
        return byText;
    }

    /** Checks a batch size argument. */
    static int requirePositive(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        return batchSize;
    }

    private static void requireFinite(float[] row, String text) {
        for (int j = 0; j < row.length; j++) {
            if (!Float.isFinite(row[j])) {
                throw new ContrastiveException("the model produced " + row[j] + " at position " + j
                        + " of the embedding of '" + abbreviate(text) + "'; expected finite values (has training diverged?)");
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
