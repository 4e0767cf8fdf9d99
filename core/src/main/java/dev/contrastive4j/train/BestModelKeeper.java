package dev.contrastive4j.train;

import dev.contrastive4j.evaluation.Evaluator;
import dev.contrastive4j.evaluation.TextEmbedder;
import dev.contrastive4j.spi.ContrastiveException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Keeps the model of the best evaluation so far in {@code <output>/best}, judged by one metric where higher is
 * better (every metric the evaluators report is: accuracies, MRR, NDCG, MAP, recall, precision, correlations).
 */
public final class BestModelKeeper implements TrainingListener {

    private static final int STAND_IN_DIMENSION = 4;

    /** Deterministic, non-zero vectors: enough for every evaluator to compute (meaningless) values. */
    private static final TextEmbedder STAND_IN = texts -> {
        float[][] vectors = new float[texts.size()][STAND_IN_DIMENSION];
        for (int i = 0; i < texts.size(); i++) {
            byte[] bytes = texts.get(i).getBytes(StandardCharsets.UTF_8);
            vectors[i][0] = 1;
            for (int j = 0; j < bytes.length; j++) {
                vectors[i][1 + j % (STAND_IN_DIMENSION - 1)] += (bytes[j] & 0xFF) / 256f;
            }
        }
        return vectors;
    };

    private final String metric;
    private final TrainableModel model;
    private final Path folder;
    private double best = Double.NEGATIVE_INFINITY;
    private long bestStep = -1;

    /**
     * @param metric the metric to maximise, e.g. {@code ir.ndcg@10}
     * @param model the model being trained
     * @param output the run folder; the best model goes to {@code output/best}
     */
    public BestModelKeeper(String metric, TrainableModel model, Path output) {
        this.metric = metric;
        this.model = model;
        this.folder = output.resolve("best");
    }

    /**
     * Fails unless {@code evaluators} report {@code metric}, before any training: the metric names are learnt by
     * evaluating once with a stand-in embedder (a few numbers derived from each text's bytes, no model pass), as
     * the names depend only on the evaluators' data and settings, not on the model.
     *
     * @throws ContrastiveException naming the metric and every metric the evaluators report
     */
    public static void requireReported(String metric, List<Evaluator> evaluators) {
        Map<String, Double> reported = new LinkedHashMap<>();
        for (Evaluator evaluator : evaluators) {
            reported.putAll(evaluator.evaluate(STAND_IN).metrics());
        }
        requireIn(metric, reported);
    }

    private static void requireIn(String metric, Map<String, Double> metrics) {
        if (!metrics.containsKey(metric)) {
            throw new ContrastiveException("--keep-best names metric '" + metric + "', but the evaluation reports only "
                    + String.join(", ", metrics.keySet()));
        }
    }

    @Override
    public void onEvaluation(long step, Map<String, Double> metrics) {
        requireIn(metric, metrics);
        double value = metrics.get(metric);
        if (value > best) {
            best = value;
            bestStep = step;
            try {
                model.save(folder);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot save the best model to " + folder + ": " + e.getMessage(), e);
            }
        }
    }

    /** The best value seen, if any evaluation ran. */
    public OptionalDouble best() {
        return bestStep < 0 ? OptionalDouble.empty() : OptionalDouble.of(best);
    }

    /** The step of the best evaluation, or -1. */
    public long bestStep() {
        return bestStep;
    }

    /** Where the best model is saved. */
    public Path folder() {
        return folder;
    }
}
