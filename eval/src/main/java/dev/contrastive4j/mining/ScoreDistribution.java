package dev.contrastive4j.mining;

import java.util.Arrays;

/**
 * Count, mean, sample standard deviation, extremes and quartiles of a set of scores; quartiles interpolate
 * linearly between the two nearest ranks (NumPy's and pandas' default), so they match sentence-transformers'
 * mining summary. All {@link Double#NaN} when there are no scores (the standard deviation also for one).
 */
public record ScoreDistribution(long count, double mean, double std, double min, double q25, double median,
        double q75, double max) {

    /** The distribution of the first {@code count} values of {@code values} (not modified). */
    public static ScoreDistribution of(double[] values, int count) {
        if (count == 0) {
            return new ScoreDistribution(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN);
        }
        double[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        double sum = 0;
        for (double v : sorted) {
            sum += v;
        }
        double mean = sum / count;
        double squares = 0;
        for (double v : sorted) {
            squares += (v - mean) * (v - mean);
        }
        double std = count > 1 ? Math.sqrt(squares / (count - 1)) : Double.NaN;
        return new ScoreDistribution(count, mean, std, sorted[0], quantile(sorted, 0.25), quantile(sorted, 0.5),
                quantile(sorted, 0.75), sorted[count - 1]);
    }

    private static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
