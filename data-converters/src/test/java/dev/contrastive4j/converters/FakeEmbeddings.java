package dev.contrastive4j.converters;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.contrastive4j.spi.Batch;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.EmbeddedBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A stand-in encoder: each text's embedding is drawn from a generator seeded by the text, in float64. */
final class FakeEmbeddings {

    static final int DIMENSION = 4;

    private FakeEmbeddings() {
    }

    static double[] of(String text) {
        Random random = new Random(text.hashCode());
        double[] vector = new double[DIMENSION];
        for (int k = 0; k < DIMENSION; k++) {
            vector[k] = random.nextGaussian();
        }
        return vector;
    }

    /** Every column of a text batch embedded as a leaf that records gradients. */
    static EmbeddedBatch embed(Batch batch, NDManager manager) {
        List<NDArray> columns = new ArrayList<>();
        for (List<String> column : batch.columns()) {
            double[] flat = new double[column.size() * DIMENSION];
            for (int r = 0; r < column.size(); r++) {
                System.arraycopy(of(column.get(r)), 0, flat, r * DIMENSION, DIMENSION);
            }
            NDArray array = manager.create(flat, new Shape(column.size(), DIMENSION));
            array.setRequiresGradient(true);
            columns.add(array);
        }
        NDArray scores = batch.format() == DataFormat.SCORED_PAIR ? manager.create(batch.scores()) : null;
        return new EmbeddedBatch(batch.format(), columns, scores);
    }

    /** Row {@code r} of a {@code (rows, DIMENSION)} array. */
    static double[] row(NDArray matrix, int r) {
        return matrix.get(r).toDoubleArray();
    }
}
