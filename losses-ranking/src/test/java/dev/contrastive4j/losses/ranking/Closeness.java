package dev.contrastive4j.losses.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relative-error assertions that also log the error they saw, so a test run reports the accuracy reached.
 *
 * <p>For arrays the relative error is {@code max_i |actual_i − expected_i| / max_i |expected_i|}: measured
 * against the largest entry, so a gradient entry that happens to be near zero does not blow the ratio up.
 */
final class Closeness {

    private static final Logger LOG = LoggerFactory.getLogger(Closeness.class);

    private Closeness() {
    }

    static void assertRelativelyClose(String what, double actual, double expected, double tolerance) {
        double error = Math.abs(actual - expected) / Math.abs(expected);
        LOG.info("{}: relative error {}", what, String.format("%.3e", error));
        assertThat(error).as("%s: relative error of %s against %s", what, actual, expected).isLessThanOrEqualTo(tolerance);
    }

    static void assertRelativelyClose(String what, double[] actual, double[] expected, double tolerance) {
        double error = relativeError(actual, expected);
        LOG.info("{}: relative error {}", what, String.format("%.3e", error));
        assertThat(error).as("%s: relative error", what).isLessThanOrEqualTo(tolerance);
    }

    static void assertRelativelyClose(String what, double[][][] actual, double[][][] expected, double tolerance) {
        assertRelativelyClose(what, flatten(actual), flatten(expected), tolerance);
    }

    /** {@link #relativeError}, logged under {@code what}. */
    static double loggedRelativeError(String what, double[] actual, double[] expected) {
        double error = relativeError(actual, expected);
        LOG.info("{}: relative error {}", what, String.format("%.3e", error));
        return error;
    }

    static double relativeError(double[] actual, double[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        double difference = 0;
        double scale = 0;
        for (int i = 0; i < actual.length; i++) {
            difference = Math.max(difference, Math.abs(actual[i] - expected[i]));
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        assertThat(scale).as("the expected values must not all be zero").isPositive();
        return difference / scale;
    }

    /** The largest absolute entry (0 for an all-zero array, whatever the zeros' signs). */
    static double maxAbs(double[] x) {
        return Arrays.stream(x).map(Math::abs).max().orElse(0);
    }

    static double[] flatten(double[][][] x) {
        return Arrays.stream(x).flatMap(Arrays::stream).flatMapToDouble(Arrays::stream).toArray();
    }
}
