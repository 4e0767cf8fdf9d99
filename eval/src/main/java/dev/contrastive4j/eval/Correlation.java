package dev.contrastive4j.eval;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Pearson's and Spearman's correlation coefficients, as {@code scipy.stats.pearsonr} and
 * {@code spearmanr} define them.
 *
 * <p>Spearman's ρ is Pearson's r of the ranks, where tied values share the average of the ranks they
 * occupy. With ties this differs from the shortcut {@code 1 − 6 Σd² / (n(n² − 1))}, which is exact only
 * without ties. A series with no spread (all values equal) has no correlation: the result is {@code NaN}.
 */
public final class Correlation {

    private Correlation() {
    }

    /**
     * Pearson's r = Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)² Σ(y − ȳ)²).
     *
     * @throws IllegalArgumentException if the series differ in length or have fewer than two values
     */
    public static double pearson(double[] x, double[] y) {
        requirePaired(x, y);
        double meanX = mean(x);
        double meanY = mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            double dx = x[i] - meanX;
            double dy = y[i] - meanY;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0 || syy == 0) {
            return Double.NaN;
        }
        // Rounding can push |r| a hair past 1 for perfectly (anti-)correlated series.
        return Math.max(-1.0, Math.min(1.0, sxy / Math.sqrt(sxx * syy)));
    }

    /**
     * Spearman's ρ: Pearson's r of the average ranks of x and of y.
     *
     * @throws IllegalArgumentException if the series differ in length or have fewer than two values
     */
    public static double spearman(double[] x, double[] y) {
        requirePaired(x, y);
        return pearson(averageRanks(x), averageRanks(y));
    }

    /**
     * Ranks from 1 (smallest) to n; tied values all get the mean of the ranks they span, so
     * {@code [10, 20, 20, 30]} ranks as {@code [1, 2.5, 2.5, 4]}.
     *
     * @throws IllegalArgumentException if a value is NaN (it has no rank)
     */
    public static double[] averageRanks(double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                throw new IllegalArgumentException("value " + i + " is NaN and cannot be ranked");
            }
        }
        Integer[] order = IntStream.range(0, values.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] ranks = new double[values.length];
        int start = 0;
        while (start < order.length) {
            int end = start + 1;
            while (end < order.length && values[order[end]] == values[order[start]]) {
                end++;
            }
            // positions start..end-1 hold ranks start+1..end; their mean is (start + 1 + end) / 2
            double rank = (start + 1 + end) / 2.0;
            for (int p = start; p < end; p++) {
                ranks[order[p]] = rank;
            }
            start = end;
        }
        return ranks;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static void requirePaired(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series of lengths " + x.length + " and " + y.length
                    + " cannot be correlated");
        }
        if (x.length < 2) {
            throw new IllegalArgumentException("a correlation needs at least two pairs, got " + x.length);
        }
    }
}
