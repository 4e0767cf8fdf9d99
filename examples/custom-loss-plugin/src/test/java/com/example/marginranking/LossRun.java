package com.example.marginranking;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.EmbeddedBatch;
import dev.contrastive4j.spi.EmbeddingLoss;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs an {@link EmbeddingLoss} the way the trainer does — embeddings that require a gradient, the loss inside a
 * gradient collector, one backward pass — and reads back L and ∂L/∂embeddings. The embeddings are float64, so
 * that the comparison with a double-precision reference can be tight.
 *
 * @param loss the value L
 * @param gradient ∂L/∂embeddings, indexed {@code [column][row][component]}
 */
record LossRun(double loss, double[][][] gradient) {

    static LossRun of(EmbeddingLoss loss, double[][][] columns) {
        Engine engine = Engine.getEngine("PyTorch");
        try (NDManager manager = engine.newBaseManager()) {
            List<NDArray> embedded = new ArrayList<>();
            for (double[][] column : columns) {
                NDArray array = manager.create(column);
                array.setRequiresGradient(true);
                embedded.add(array);
            }
            double value;
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray result = loss.compute(new EmbeddedBatch(DataFormat.TRIPLET, embedded, null));
                value = result.getDouble();
                collector.backward(result);
            }
            double[][][] gradient = new double[columns.length][][];
            for (int c = 0; c < columns.length; c++) {
                double[] flat = embedded.get(c).getGradient().toDoubleArray();
                int dimension = columns[c][0].length;
                gradient[c] = new double[columns[c].length][dimension];
                for (int r = 0; r < columns[c].length; r++) {
                    System.arraycopy(flat, r * dimension, gradient[c][r], 0, dimension);
                }
            }
            return new LossRun(value, gradient);
        }
    }
}
