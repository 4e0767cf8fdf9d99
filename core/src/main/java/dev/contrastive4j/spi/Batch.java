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
 * <p>{@link #scores()} holds numbers that go with the rows: for {@code SCORED_PAIR} one gold score per row; for
 * {@code TRIPLET} either nothing or the teacher's margins of {@link Triplet#margins()}, {@code size() × k} of them
 * flattened row by row (entry {@code i·k + j} is row {@code i}'s margin for negative {@code j}, with
 * {@code k = negativeCount()}; {@link #margins()} gives them as a matrix); for {@code PAIR} nothing.
 *
 * @param format the format of every row
 * @param columns the text columns, each of length {@code size()}
 * @param scores the gold scores for {@code SCORED_PAIR}, the margins (or nothing) for {@code TRIPLET}, otherwise an
 *     empty array
 */
public record Batch(DataFormat format, List<List<String>> columns, double[] scores) {

    /**
     * Checks that the columns fit the format and have equal lengths, and copies everything.
     *
     * @param format the format of every row
     * @param columns the text columns, each of length {@code size()}
     * @param scores the gold scores for {@code SCORED_PAIR}, the margins (or nothing) for {@code TRIPLET}, otherwise
     *     an empty array
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
        switch (format) {
            case SCORED_PAIR -> {
                if (scores.length != size) {
                    throw new IllegalArgumentException("a SCORED_PAIR batch needs one score per row: expected " + size
                            + ", got " + scores.length);
                }
            }
            case TRIPLET -> {
                int margins = size * (columns.size() - 2);
                if (scores.length != 0 && scores.length != margins) {
                    throw new IllegalArgumentException("a TRIPLET batch holds no margins or one per row and negative:"
                            + " expected 0 or " + margins + ", got " + scores.length);
                }
            }
            default -> {
                if (scores.length != 0) {
                    throw new IllegalArgumentException(format + " batches hold no scores, got " + scores.length);
                }
            }
        }
        for (double score : scores) {
            if (!Double.isFinite(score)) {
                throw new IllegalArgumentException("batch scores must be finite, got " + score);
            }
        }
    }

    /**
     * Builds a batch from rows that all share one format (and, for triplets, one number of negatives, and
     * margins on every row or on none).
     *
     * @param rows at least one row
     * @return the rows, column by column, with their scores or margins
     * @throws IllegalArgumentException if there are no rows or they differ in format, width or having margins
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
        boolean margins = first instanceof Triplet triplet && triplet.hasMargins();
        int perRow = format == DataFormat.SCORED_PAIR ? 1 : margins ? width - 2 : 0;
        double[] scores = new double[rows.size() * perRow];
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
            } else if (row instanceof Triplet triplet) {
                if (triplet.hasMargins() != margins) {
                    throw new IllegalArgumentException("row " + r + (margins ? " has no margins, but row 0 has"
                            : " has margins, but row 0 has none") + ": every row of a batch has margins, or none");
                }
                for (int j = 0; j < perRow; j++) {
                    scores[r * perRow + j] = triplet.margins().get(j);
                }
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
     * The numbers that go with the rows.
     *
     * @return a copy of the scores: one per row for {@code SCORED_PAIR}; for {@code TRIPLET} the margins flattened
     *     row by row ({@code size() × negativeCount()}) or empty; for {@code PAIR} empty
     */
    @Override
    public double[] scores() {
        return scores.clone();
    }

    /**
     * Whether the rows carry a teacher's margins.
     *
     * @return {@code true} for a {@code TRIPLET} batch whose rows have {@link Triplet#margins()}
     * @since 1.3
     */
    public boolean hasMargins() {
        return format == DataFormat.TRIPLET && scores.length > 0;
    }

    /**
     * The teacher's margins as a matrix.
     *
     * @return {@code [row][negative]}, a copy
     * @throws IllegalStateException if the batch has no margins (see {@link #hasMargins()})
     * @since 1.3
     */
    public double[][] margins() {
        if (!hasMargins()) {
            throw new IllegalStateException("this " + format + " batch holds no margins");
        }
        int k = negativeCount();
        double[][] margins = new double[size()][k];
        for (int i = 0; i < margins.length; i++) {
            System.arraycopy(scores, i * k, margins[i], 0, k);
        }
        return margins;
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
