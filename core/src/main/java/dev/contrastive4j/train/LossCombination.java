package dev.contrastive4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.contrastive4j.spi.Batch;
import dev.contrastive4j.spi.EmbeddedBatch;
import dev.contrastive4j.spi.EmbeddingLoss;
import dev.contrastive4j.spi.EncoderLoss;
import dev.contrastive4j.spi.Example;
import dev.contrastive4j.spi.GraphScalars;
import dev.contrastive4j.spi.LossContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the forward and backward passes of a weighted loss combination on one batch:
 * <ul>
 *   <li>Embedding-level losses share one embedding of every text column: each column is embedded once, with
 *       a graph; each such loss (after its converter, which works on embedded columns) computes its value;
 *       {@code Σ wᵢ·Lᵢ} is back-propagated once.</li>
 *   <li>Encoder-level losses then run their own passes (converted at the text level when needed), each
 *       adding {@code wᵢ·∂Lᵢ/∂θ}.</li>
 * </ul>
 * The gradients left in the parameters are therefore those of {@code Σ wᵢ·Lᵢ}.
 */
public final class LossCombination {

    /** The loss values of one step: the weighted total and each term's unweighted value, by term name. */
    public record StepLosses(double total, Map<String, Double> byLoss) {
    }

    private final LossPlan plan;

    public LossCombination(LossPlan plan) {
        this.plan = plan;
    }

    /** Runs every term on {@code rows}; call inside the step's open gradient collector. */
    public StepLosses forwardBackward(List<? extends Example> rows, LossContext context) {
        Batch batch = Batch.of(rows);
        Map<String, Double> values = new LinkedHashMap<>();
        double total = 0;

        List<PlannedLoss> embeddingLosses = plan.losses().stream()
                .filter(l -> l.loss() instanceof EmbeddingLoss).toList();
        if (!embeddingLosses.isEmpty()) {
            EmbeddedBatch embedded = embed(batch, context);
            NDArray weightedSum = null;
            for (PlannedLoss planned : embeddingLosses) {
                EmbeddedBatch input = planned.converter().map(c -> c.convert(embedded)).orElse(embedded);
                NDArray value = ((EmbeddingLoss) planned.loss()).compute(input);
                double scalar = value.toType(DataType.FLOAT64, false).getDouble();
                values.merge(planned.name(), scalar, Double::sum);
                total += planned.weight() * scalar;
                // A PyTorch-owned weight: backward reads it (see GraphScalars).
                NDArray weighted = value.mul(
                        GraphScalars.of(value.getManager(), planned.weight(), value.getDataType()));
                weightedSum = weightedSum == null ? weighted : weightedSum.add(weighted);
            }
            context.backward(weightedSum);
        }
        for (PlannedLoss planned : plan.losses()) {
            if (planned.loss() instanceof EncoderLoss encoderLoss) {
                Batch input = planned.converter().map(c -> convertRows(rows, c)).orElse(batch);
                double value = encoderLoss.forwardBackward(input, context, planned.weight());
                values.merge(planned.name(), value, Double::sum);
                total += planned.weight() * value;
            }
        }
        return new StepLosses(total, values);
    }

    /** Every text column embedded once with a graph, seeds {@code stepSeed + column}; shared by every embedding loss. */
    static EmbeddedBatch embed(Batch batch, LossContext context) {
        NDManager manager = context.manager();
        List<NDArray> columns = new ArrayList<>(batch.columns().size());
        for (int c = 0; c < batch.columns().size(); c++) {
            columns.add(context.encoder().embedWithGradient(batch.column(c), manager, context.stepSeed() + c));
        }
        NDArray scores = batch.format() == dev.contrastive4j.spi.DataFormat.SCORED_PAIR
                ? manager.create(toFloats(batch.scores()))
                : null;
        return new EmbeddedBatch(batch.format(), columns, scores);
    }

    static Batch convertRows(List<? extends Example> rows, dev.contrastive4j.spi.Converter converter) {
        List<Example> converted = new ArrayList<>();
        for (Example row : rows) {
            converted.addAll(converter.convert(row));
        }
        return Batch.of(converted);
    }

    /** The rows a batch holds, for a text-level converter. */
    static List<Example> rows(Batch batch) {
        List<Example> rows = new ArrayList<>(batch.size());
        double[] scores = batch.scores();
        for (int r = 0; r < batch.size(); r++) {
            String first = batch.column(0).get(r);
            String second = batch.column(1).get(r);
            rows.add(switch (batch.format()) {
                case TRIPLET -> {
                    List<String> negatives = new ArrayList<>(batch.negativeCount());
                    for (int c = 2; c < batch.columns().size(); c++) {
                        negatives.add(batch.column(c).get(r));
                    }
                    List<Double> margins = new ArrayList<>(batch.hasMargins() ? batch.negativeCount() : 0);
                    for (int j = 0; batch.hasMargins() && j < batch.negativeCount(); j++) {
                        margins.add(scores[r * batch.negativeCount() + j]);
                    }
                    yield new dev.contrastive4j.spi.Triplet(first, second, negatives, margins);
                }
                case PAIR -> new dev.contrastive4j.spi.Pair(first, second);
                case SCORED_PAIR -> new dev.contrastive4j.spi.ScoredPair(first, second, scores[r]);
            });
        }
        return rows;
    }

    private static float[] toFloats(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }
}
