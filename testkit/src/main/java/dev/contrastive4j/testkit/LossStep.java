package dev.contrastive4j.testkit;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.engine.PyTorchRuntime;
import dev.contrastive4j.spi.Batch;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.EmbeddedBatch;
import dev.contrastive4j.spi.EmbeddingLoss;
import dev.contrastive4j.spi.EncoderLoss;
import dev.contrastive4j.spi.GraphScalars;
import dev.contrastive4j.spi.Loss;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a loss for one step, the way the trainer does, and reads back its value and gradients.
 * <ul>
 *   <li>{@link #onEmbeddings}: an {@link EmbeddingLoss} on given float64 embeddings that require a gradient; the
 *       gradient is ∂L/∂embeddings. Float64 lets a comparison with a double-precision reference reach 1e-6
 *       relative and beyond; float32 leaves about 1e-7 of headroom per operation.</li>
 *   <li>{@link #onEncoder}: any loss on a batch of texts and a real encoder (e.g. {@link TinyEncoders#bert}); the
 *       gradients are those of the encoder's parameters, so that a cached loss can be compared with its uncached
 *       original.</li>
 * </ul>
 */
public final class LossStep {

    /**
     * An embedding-level run.
     *
     * @param value the loss L
     * @param gradient ∂L/∂embeddings, {@code [column][row][component]}; zeros for a column the loss does not use
     */
    public record Result(double value, double[][][] gradient) {
    }

    /**
     * An encoder-level run.
     *
     * @param value the loss L as the loss returned it (unweighted)
     * @param parameterGradients {@code weight × ∂L/∂θ} for every trainable parameter, by name, flattened
     */
    public record EncoderResult(double value, Map<String, double[]> parameterGradients) {
    }

    private LossStep() {
    }

    /**
     * The loss on fixed embeddings of a format without scores (pairs, triplets).
     *
     * @param loss the loss; a lambda {@code (EmbeddingLoss) b -> loss.compute(converter.convert(b))} composes
     * @param format the batch's format
     * @param columns {@code [column][row][component]}
     * @return L and ∂L/∂embeddings
     */
    public static Result onEmbeddings(EmbeddingLoss loss, DataFormat format, double[][][] columns) {
        return onEmbeddings(loss, format, columns, null);
    }

    /**
     * The loss on fixed embeddings.
     *
     * @param loss the loss
     * @param format the batch's format
     * @param columns {@code [column][row][component]}
     * @param scores one gold score per row for {@link DataFormat#SCORED_PAIR}, else {@code null}
     * @return L and ∂L/∂embeddings
     */
    public static Result onEmbeddings(EmbeddingLoss loss, DataFormat format, double[][][] columns, double[] scores) {
        Engine engine = PyTorchRuntime.engine();
        try (NDManager manager = engine.newBaseManager()) {
            List<NDArray> embedded = new ArrayList<>(columns.length);
            for (double[][] column : columns) {
                NDArray array = PyTorchRuntime.owned(manager.create(column));
                array.setRequiresGradient(true);
                embedded.add(array);
            }
            NDArray gold = scores == null ? null : PyTorchRuntime.owned(manager.create(scores));
            double value;
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray result = loss.compute(new EmbeddedBatch(format, embedded, gold));
                value = result.toType(DataType.FLOAT64, false).getDouble();
                collector.backward(result);
            }
            double[][][] gradient = new double[columns.length][][];
            for (int c = 0; c < columns.length; c++) {
                // A column the loss does not use has no gradient; DJL then answers float32 zeros.
                double[] flat = embedded.get(c).getGradient().toType(DataType.FLOAT64, false).toDoubleArray();
                int rows = columns[c].length;
                int dimension = columns[c][0].length;
                gradient[c] = new double[rows][dimension];
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(flat, r * dimension, gradient[c][r], 0, dimension);
                }
            }
            return new Result(value, gradient);
        }
    }

    /**
     * One step of a loss on texts: an {@link EncoderLoss} runs its own passes; an {@link EmbeddingLoss} gets every
     * column embedded with a graph and seed {@code stepSeed + column}, as the trainer embeds them (see the seed rule
     * of {@link dev.contrastive4j.spi.LossContext}). Everything runs in one gradient collector.
     *
     * @param loss the loss
     * @param batch the texts
     * @param encoder the encoder, whose parameter gradients are read back; start from a fresh one, since gradients
     *     add up
     * @param stepSeed the step's seed
     * @param weight the loss's weight, as in a combination
     * @return L and {@code weight × ∂L/∂θ}
     */
    public static EncoderResult onEncoder(Loss loss, Batch batch, SentenceEncoder encoder, long stepSeed,
            double weight) {
        Engine engine = PyTorchRuntime.engine();
        double value;
        try (NDManager manager = engine.newBaseManager();
                GradientCollector collector = engine.newGradientCollector()) {
            TestLossContext context = new TestLossContext(encoder, manager, stepSeed, collector);
            if (loss instanceof EncoderLoss encoderLoss) {
                value = encoderLoss.forwardBackward(batch, context, weight);
            } else {
                List<NDArray> columns = new ArrayList<>();
                for (int c = 0; c < batch.columns().size(); c++) {
                    columns.add(encoder.embedWithGradient(batch.column(c), manager, stepSeed + c));
                }
                NDArray scores = batch.format() == DataFormat.SCORED_PAIR
                        ? PyTorchRuntime.owned(manager.create(batch.scores())).toType(DataType.FLOAT32, false)
                        : null;
                NDArray result = ((EmbeddingLoss) loss).compute(new EmbeddedBatch(batch.format(), columns, scores));
                value = result.toType(DataType.FLOAT64, false).getDouble();
                context.backward(result.mul(GraphScalars.of(result, weight)));
            }
        }
        Map<String, double[]> gradients = new LinkedHashMap<>();
        encoder.trainableParameters().forEach((name, parameter) -> {
            try (NDArray gradient = parameter.getArray().getGradient()) {
                gradients.put(name, gradient.toType(DataType.FLOAT64, false).toDoubleArray());
            }
        });
        return new EncoderResult(value, gradients);
    }
}
