package dev.contrastive4j.eval;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A paired bootstrap over test items: is the difference between two models on the same test items larger than
 * the luck of which items happened to be in the test set?
 *
 * <p>Given per-item values a<sub>i</sub> and b<sub>i</sub> of one metric for two models on the same n items
 * (e.g. 0/1 triplet outcomes, or reciprocal ranks per query; see {@link ItemizedResult}), the observed
 * difference is mean(a) − mean(b) = mean(d) with d<sub>i</sub> = a<sub>i</sub> − b<sub>i</sub>. The bootstrap
 * draws n items with replacement, {@code resamples} times, and takes the mean of d over each draw; the
 * interval is the (1 − confidence)/2 and (1 + confidence)/2 percentiles of those means (the percentile
 * method). Pairing matters: both models are judged on the same draw of items, so the items' own difficulty
 * cancels out and only the models' disagreement counts.
 *
 * <p>When the interval excludes 0, the difference is larger than what resampling the test items produces
 * by chance at that confidence. It says nothing about other sources of noise (training seeds): average the
 * item values over seeds first to fold those in.
 *
 * <p>Deterministic: the same inputs and seed give the same interval.
 */
public final class PairedBootstrap {

    /** Resamples used when none are given: enough for stable 95 % percentiles. */
    public static final int DEFAULT_RESAMPLES = 10_000;
    /** The confidence used when none is given. */
    public static final double DEFAULT_CONFIDENCE = 0.95;

    private final int resamples;
    private final double confidence;
    private final long seed;

    /**
     * @param resamples bootstrap draws, at least 100
     * @param confidence the interval's coverage, in (0, 1)
     * @param seed seeds the draws
     */
    public PairedBootstrap(int resamples, double confidence, long seed) {
        if (resamples < 100) {
            throw new IllegalArgumentException("a bootstrap needs at least 100 resamples, got " + resamples);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
        this.resamples = resamples;
        this.confidence = confidence;
        this.seed = seed;
    }

    /** {@value #DEFAULT_RESAMPLES} resamples, 95 % confidence. */
    public static PairedBootstrap withSeed(long seed) {
        return new PairedBootstrap(DEFAULT_RESAMPLES, DEFAULT_CONFIDENCE, seed);
    }

    /**
     * The interval of mean(a) − mean(b).
     *
     * @param a per-item values of the first model
     * @param b per-item values of the second model, on the same items in the same order
     * @throws IllegalArgumentException if the arrays differ in length or are empty
     */
    public Interval difference(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired values need the same items: " + a.length + " vs " + b.length
                    + " values");
        }
        if (a.length == 0) {
            throw new IllegalArgumentException("paired values need at least one item, got none");
        }
        int n = a.length;
        double[] d = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            d[i] = a[i] - b[i];
            sum += d[i];
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double drawn = 0;
            for (int i = 0; i < n; i++) {
                drawn += d[random.nextInt(n)];
            }
            means[r] = drawn / n;
        }
        Arrays.sort(means);
        double tail = (1 - confidence) / 2;
        return new Interval(sum / n, percentile(means, tail), percentile(means, 1 - tail), confidence, n);
    }

    /** The p-th percentile of sorted values, interpolating linearly between neighbours. */
    private static double percentile(double[] sorted, double p) {
        double position = p * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /**
     * A bootstrap interval of a difference of means.
     *
     * @param difference the observed mean(a) − mean(b)
     * @param lower the lower end of the interval
     * @param upper the upper end of the interval
     * @param confidence the interval's coverage, e.g. 0.95
     * @param items the number of paired items
     */
    public record Interval(double difference, double lower, double upper, double confidence, int items) {

        /** Whether 0 lies outside the interval: the difference is larger than the test set's sampling noise. */
        public boolean excludesZero() {
            return lower > 0 || upper < 0;
        }
    }
}
