package dev.contrastive4j.losses.angle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive4j.converters.TripletToScoredPairs;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.EmbeddingLoss;
import dev.contrastive4j.testkit.GradientCheck;
import dev.contrastive4j.testkit.LossStep;
import java.util.Random;

/**
 * The angle losses' fixtures on top of the test kit's {@link LossStep}: scored pairs, or triplets after the
 * embedded-level {@code triplet-to-scored-pairs} conversion, in float64, so that the comparison with the
 * double-precision {@link Reference} can be held to 1e-6 relative.
 */
final class LossProbe {

    /** A loss value and {@code gradients[column][row][component]}. */
    record Result(double value, double[][][] gradients) {
    }

    private LossProbe() {
    }

    /** The loss on scored pairs {@code (u_i, v_i, scores_i)}; gradients for columns u and v. */
    static Result onScoredPairs(EmbeddingLoss loss, double[][] u, double[][] v, double[] scores) {
        return of(LossStep.onEmbeddings(loss, DataFormat.SCORED_PAIR, new double[][][] {u, v}, scores));
    }

    /**
     * The loss on triplets ({@code columns}: anchor, positive, negatives…) after the embedded-level
     * {@code triplet-to-scored-pairs} conversion (scores 1 and 0); gradients for every triplet column.
     */
    static Result onConvertedTriplets(EmbeddingLoss loss, double[][][] tripletColumns) {
        TripletToScoredPairs converter = new TripletToScoredPairs(1.0, 0.0);
        EmbeddingLoss converted = batch -> loss.compute(converter.convert(batch));
        return of(LossStep.onEmbeddings(converted, DataFormat.TRIPLET, tripletColumns));
    }

    private static Result of(LossStep.Result run) {
        return new Result(run.value(), run.gradient());
    }

    /** {@code rows × dimension} standard normal entries from a seeded generator. */
    static double[][] gaussian(Random random, int rows, int dimension) {
        double[][] values = new double[rows][dimension];
        for (double[] row : values) {
            for (int k = 0; k < dimension; k++) {
                row[k] = random.nextGaussian();
            }
        }
        return values;
    }

    /** The largest deviation of any gradient entry from the reference, relative to the reference's largest entry. */
    static double relativeError(double[][][] actual, double[][][] expected) {
        return GradientCheck.relativeDeviation(actual, expected);
    }

    /** The largest {@code |x_k|}: 0 exactly when every entry is 0 or -0. */
    static double largestMagnitude(double[] x) {
        double largest = 0;
        for (double v : x) {
            largest = Math.max(largest, Math.abs(v));
        }
        return largest;
    }

    /** {@code |actual − expected| / |expected|}. */
    static double relativeError(double actual, double expected) {
        return Math.abs(actual - expected) / Math.abs(expected);
    }

    /** Asserts that value and gradients are within 1e-6 (relative) of the reference's. */
    static void assertMatches(Result result, double expectedValue, double[][][] expectedGradients) {
        assertThat(relativeError(result.value(), expectedValue)).as("relative error of the loss value %s against %s",
                result.value(), expectedValue).isLessThan(1e-6);
        assertThat(relativeError(result.gradients(), expectedGradients)).as("relative error of the gradients")
                .isLessThan(1e-6);
    }

}
