package dev.contrastive4j.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A batch of rows of one {@link DataFormat}, stored column by column, as losses consume it.
 *
 * <p>Columns follow the format: {@code TRIPLET} has anchor, positive, negative_1 … negative_k;
 * {@code PAIR} has anchor, positive; {@code SCORED_PAIR} has sentence1, sentence2 and {@link #scores()}.
 * Every column has {@link #size()} entries.
 *
 * @param format the format of every row
 * @param columns the text columns, each of length {@code size()}
 * @param scores the gold scores for {@code SCORED_PAIR}, otherwise an empty array
 */
public record Batch(DataFormat format, List<List<String>> columns, double[] scores) {

    /**
     * Checks that the columns fit the format and have equal lengths, and copies everything.
     *
     * @param format the format of every row
     * @param columns the text columns, each of length {@code size()}
     * @param scores the gold scores for {@code SCORED_PAIR}, otherwise an empty array
     * @throws IllegalArgumentException if the number of columns, their lengths or the scores do not fit
     */
    public Batch {
        Objects.requireNonNull(format, "format");
        columns = columns.stream().map(List::copyOf).toList();
        scores = scores == null ? new double[0] : scores.clone();
        int minColumns = format == DataFormat.TRIPLET ? 3 : 2;
        if (columns.size() < minColumns || (format != DataFormat.TRIPLET && columns.size() != 2)) {
            throw new IllegalArgumentException(format + " batch cannot have " + columns.size() + " columns");
        }
        int size = columns.get(0).size();
        for (List<String> column : columns) {
            if (column.size() != size) {
                throw new IllegalArgumentException("columns of a batch must have equal length");
            }
        }
        if (format == DataFormat.SCORED_PAIR ? scores.length != size : scores.length != 0) {
            throw new IllegalArgumentException("scores are required for, and only for, SCORED_PAIR batches");
        }
    }

    /**
     * Builds a batch from rows that all share one format (and, for triplets, one number of negatives).
     *
     * @param rows at least one row
     * @return the rows, column by column
     * @throws IllegalArgumentException if there are no rows or they differ in format or width
     */
    public static Batch of(List<? extends Example> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one row");
        }
        Example first = rows.get(0);
        DataFormat format = first.format();
        int width = first.texts().size();
        List<List<String>> columns = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            columns.add(new ArrayList<>(rows.size()));
        }
        double[] scores = format == DataFormat.SCORED_PAIR ? new double[rows.size()] : new double[0];
        for (int r = 0; r < rows.size(); r++) {
            Example row = rows.get(r);
            List<String> texts = row.texts();
            if (row.format() != format || texts.size() != width) {
                throw new IllegalArgumentException("row " + r + " does not match the batch's format " + format
                        + " with " + width + " columns");
            }
            for (int c = 0; c < width; c++) {
                columns.get(c).add(texts.get(c));
            }
            if (row instanceof ScoredPair pair) {
                scores[r] = pair.score();
            }
        }
        return new Batch(format, columns, scores);
    }

    /**
     * Number of rows.
     *
     * @return the length of every column
     */
    public int size() {
        return columns.get(0).size();
    }

    /**
     * One text column.
     *
     * @param index 0 = anchor or sentence1, 1 = positive or sentence2, 2… = negatives
     * @return the column's texts, one per row
     */
    public List<String> column(int index) {
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

    /**
     * The gold scores.
     *
     * @return a copy of the scores, one per row for {@code SCORED_PAIR}, otherwise empty
     */
    @Override
    public double[] scores() {
        return scores.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Batch b && b.format == format && b.columns.equals(columns)
                && java.util.Arrays.equals(b.scores, scores);
    }

    @Override
    public int hashCode() {
        return Objects.hash(format, columns, java.util.Arrays.hashCode(scores));
    }

    @Override
    public String toString() {
        return "Batch[" + format + ", " + size() + " rows, " + columns.size() + " columns]";
    }
}
