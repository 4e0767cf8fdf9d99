package dev.contrastive4j.losses.ranking;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import dev.contrastive4j.engine.PyTorchRuntime;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.EmbeddedBatch;
import dev.contrastive4j.spi.EmbeddingLoss;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs an {@link EmbeddingLoss} the way the trainer does, on given float64 embeddings that require a gradient,
 * and reads back the loss and ∂L/∂embeddings.
 *
 * @param loss the value L
 * @param gradient ∂L/∂embeddings, {@code [column][row][k]}
 */
record EmbeddingLossRun(double loss, double[][][] gradient) {

    /** Float64 so that the comparison with the double-precision reference can reach 1e-6 and beyond. */
    static EmbeddingLossRun of(EmbeddingLoss loss, DataFormat format, double[][][] columns) {
        try (NDManager manager = PyTorchRuntime.engine().newBaseManager()) {
            List<NDArray> embedded = new ArrayList<>();
            for (double[][] column : columns) {
                NDArray array = manager.create(column);
                array.setRequiresGradient(true);
                embedded.add(array);
            }
            double value;
            try (GradientCollector collector = PyTorchRuntime.engine().newGradientCollector()) {
                NDArray result = loss.compute(new EmbeddedBatch(format, embedded, null));
                value = result.getDouble();
                collector.backward(result);
            }
            double[][][] gradient = new double[columns.length][][];
            for (int c = 0; c < columns.length; c++) {
                // A column the loss does not use has no gradient; DJL then answers float32 zeros.
                double[] flat = embedded.get(c).getGradient().toType(DataType.FLOAT64, false).toDoubleArray();
                int rows = columns[c].length;
                int dim = columns[c][0].length;
                gradient[c] = new double[rows][dim];
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(flat, r * dim, gradient[c][r], 0, dim);
                }
            }
            return new EmbeddingLossRun(value, gradient);
        }
    }
}
