package dev.contrastive4j.testkit;

import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.EmbeddingLoss;

/**
 * Checks an {@link EmbeddingLoss}'s autograd gradient against central finite differences of the same loss, all in
 * double precision. It needs no reference implementation, so it fits any loss, and it catches the usual gradient
 * bugs: a term cut off the graph ({@code stopGradient}), a custom backward, a scalar the graph lost.
 * <pre>{@code
 * GradientCheck.assertMatchesFiniteDifferences(new MarginRankingLoss(0.2, false), DataFormat.TRIPLET, columns);
 * }</pre>
 * Keep the embeddings away from kinks (hinges at zero, ties in a max): there the derivative does not exist.
 */
public final class GradientCheck {

    /** The default tolerance: the largest entry-wise deviation relative to the largest gradient entry. */
    public static final double TOLERANCE = 1e-6;

    private GradientCheck() {
    }

    /**
     * The largest deviation of the autograd gradient from the finite-difference one, relative to the largest
     * finite-difference entry (entries near zero make an entry-wise ratio meaningless).
     *
     * @param loss the loss
     * @param format the batch's format
     * @param columns float64 embeddings, {@code [column][row][component]}
     * @param scores one gold score per row for scored pairs, else {@code null}
     * @return the relative deviation
     */
    public static double relativeDeviation(EmbeddingLoss loss, DataFormat format, double[][][] columns,
            double[] scores) {
        double[][][] autograd = LossStep.onEmbeddings(loss, format, columns, scores).gradient();
        double[][][] numeric = FiniteDifferences.gradient(
                x -> LossStep.onEmbeddings(loss, format, x, scores).value(), copy(columns));
        return relativeDeviation(autograd, numeric);
    }

    /**
     * Fails when the autograd gradient deviates from the finite-difference one by more than {@link #TOLERANCE}.
     *
     * @param loss the loss
     * @param format the batch's format (without scores)
     * @param columns float64 embeddings, {@code [column][row][component]}
     * @throws AssertionError naming the deviation
     */
    public static void assertMatchesFiniteDifferences(EmbeddingLoss loss, DataFormat format, double[][][] columns) {
        assertMatchesFiniteDifferences(loss, format, columns, null, TOLERANCE);
    }

    /**
     * Fails when the autograd gradient deviates from the finite-difference one by more than {@code tolerance}.
     *
     * @param loss the loss
     * @param format the batch's format
     * @param columns float64 embeddings, {@code [column][row][component]}
     * @param scores one gold score per row for scored pairs, else {@code null}
     * @param tolerance the largest relative deviation accepted
     * @throws AssertionError naming the deviation
     */
    public static void assertMatchesFiniteDifferences(EmbeddingLoss loss, DataFormat format, double[][][] columns,
            double[] scores, double tolerance) {
        double deviation = relativeDeviation(loss, format, columns, scores);
        if (!(deviation <= tolerance)) {
            throw new AssertionError(loss + ": the autograd gradient deviates from central finite differences by "
                    + deviation + " (relative to the largest entry), more than the " + tolerance + " allowed");
        }
    }

    /**
     * max |actual − expected| / max |expected| over every entry.
     *
     * @param actual the gradient under test
     * @param expected the reference gradient, same layout
     * @return the relative deviation; infinite when the reference is all zeros and the gradient is not
     */
    public static double relativeDeviation(double[][][] actual, double[][][] expected) {
        double largest = 0;
        double deviation = 0;
        for (int c = 0; c < expected.length; c++) {
            for (int r = 0; r < expected[c].length; r++) {
                for (int k = 0; k < expected[c][r].length; k++) {
                    largest = Math.max(largest, Math.abs(expected[c][r][k]));
                    deviation = Math.max(deviation, Math.abs(actual[c][r][k] - expected[c][r][k]));
                }
            }
        }
        return deviation == 0 ? 0 : deviation / largest;
    }

    private static double[][][] copy(double[][][] x) {
        double[][][] copy = new double[x.length][][];
        for (int c = 0; c < x.length; c++) {
            copy[c] = new double[x[c].length][];
            for (int r = 0; r < x[c].length; r++) {
                copy[c][r] = x[c][r].clone();
            }
        }
        return copy;
    }
}
