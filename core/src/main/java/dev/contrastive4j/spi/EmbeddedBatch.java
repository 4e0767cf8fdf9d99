package dev.contrastive4j.spi;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Objects;

/**
 * A {@link Batch} after every text column went through the encoder: one {@code (rows, dim)} matrix per
 * column, in the same order, and the gold scores as a {@code (rows)} float vector for {@code SCORED_PAIR}.
 *
 * <p>When the batch is embedded for training, the matrices are part of the autograd graph: a loss computed
 * from them and passed to backward reaches the encoder's parameters.
 *
 * @param format the format of the rows
 * @param columns one embedding matrix per text column
 * @param scores gold scores ({@code SCORED_PAIR} only), otherwise {@code null}
 */
public record EmbeddedBatch(DataFormat format, List<NDArray> columns, NDArray scores) {

    /**
     * Copies the list of columns (not the arrays) and checks that scores come with, and only with,
     * {@code SCORED_PAIR}.
     *
     * @param format the format of the rows
     * @param columns one embedding matrix per text column
     * @param scores gold scores ({@code SCORED_PAIR} only), otherwise {@code null}
     * @throws IllegalArgumentException if scores are missing or unexpected
     */
    public EmbeddedBatch {
        Objects.requireNonNull(format, "format");
        columns = List.copyOf(columns);
        if ((format == DataFormat.SCORED_PAIR) != (scores != null)) {
            throw new IllegalArgumentException("scores are required for, and only for, SCORED_PAIR batches");
        }
    }

    /**
     * Number of rows.
     *
     * @return the first dimension of every column
     */
    public long size() {
        return columns.get(0).getShape().get(0);
    }

    /**
     * One embedded column.
     *
     * @param index 0 = anchor or sentence1, 1 = positive or sentence2, 2… = negatives
     * @return its {@code (rows, dim)} embeddings
     */
    public NDArray column(int index) {
        return columns.get(index);
    }

    /**
     * Number of negative columns.
     *
     * @return the negatives per row for {@code TRIPLET}, otherwise 0
     */
    public int negativeCount() {
        return format == DataFormat.TRIPLET ? columns.size() - 2 : 0;
    }
}
