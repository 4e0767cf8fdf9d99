package dev.contrastive4j.losses.angle;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.contrastive4j.converters.TripletToScoredPairs;
import dev.contrastive4j.engine.PyTorchRuntime;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.EmbeddedBatch;
import dev.contrastive4j.spi.EmbeddingLoss;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Runs an embedding loss on fixed embeddings and reads back its value and its gradient with respect to every
 * embedded column. Everything is float64, so that the comparison with the double-precision {@link Reference}
 * can be held to 1e-6 relative; float32 would leave only about 1e-7 of headroom per operation.
 */
final class LossProbe implements AutoCloseable {

    /** A loss value and {@code gradients[column][row][component]}. */
    record Result(double value, double[][][] gradients) {
    }

    private final Engine engine = PyTorchRuntime.engine();
    private final NDManager manager = engine.newBaseManager();

    /** The loss on scored pairs {@code (u_i, v_i, scores_i)}; gradients for columns u and v. */
    Result onScoredPairs(EmbeddingLoss loss, double[][] u, double[][] v, double[] scores) {
        try (NDManager step = manager.newSubManager()) {
            List<NDArray> columns = List.of(leaf(step, u), leaf(step, v));
            NDArray gold = step.create(scores);
            return run(columns, () -> loss.compute(new EmbeddedBatch(DataFormat.SCORED_PAIR, columns, gold)));
        }
    }

    /**
     * The loss on triplets ({@code columns}: anchor, positive, negatives…) after the embedded-level
     * {@code triplet-to-scored-pairs} conversion (scores 1 and 0); gradients for every triplet column.
     */
    Result onConvertedTriplets(EmbeddingLoss loss, double[][][] tripletColumns) {
        try (NDManager step = manager.newSubManager()) {
            List<NDArray> columns = new ArrayList<>();
            for (double[][] column : tripletColumns) {
                columns.add(leaf(step, column));
            }
            TripletToScoredPairs converter = new TripletToScoredPairs(1.0, 0.0);
            return run(columns, () -> loss.compute(converter.convert(new EmbeddedBatch(DataFormat.TRIPLET, columns, null))));
        }
    }

    private Result run(List<NDArray> columns, java.util.function.Supplier<NDArray> forward) {
        double value;
        try (GradientCollector collector = engine.newGradientCollector()) {
            NDArray loss = forward.get();
            value = loss.toType(DataType.FLOAT64, false).getDouble();
            collector.backward(loss);
        }
        double[][][] gradients = new double[columns.size()][][];
        for (int c = 0; c < columns.size(); c++) {
            NDArray column = columns.get(c);
            int rows = (int) column.getShape().get(0);
            int dimension = (int) column.getShape().get(1);
            double[] flat = column.getGradient().toDoubleArray();
            gradients[c] = new double[rows][dimension];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(flat, r * dimension, gradients[c][r], 0, dimension);
            }
        }
        return new Result(value, gradients);
    }

    private static NDArray leaf(NDManager step, double[][] rows) {
        int dimension = rows[0].length;
        double[] flat = new double[rows.length * dimension];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * dimension, dimension);
        }
        NDArray array = step.create(flat, new Shape(rows.length, dimension));
        array.setRequiresGradient(true);
        return array;
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

    /**
     * The largest deviation of any gradient entry from the reference, relative to the reference's largest
     * entry (entries near zero make an entry-wise ratio meaningless).
     */
    static double relativeError(double[][][] actual, double[][][] expected) {
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
        return deviation / largest;
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

    @Override
    public void close() {
        manager.close();
    }
}
