package dev.contrastive4j.train;

import dev.contrastive4j.spi.ContrastiveException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Keeps the model of the best evaluation so far in {@code <output>/best}, judged by one metric where higher is
 * better (every metric the evaluators report is: accuracies, MRR, NDCG, MAP, recall, precision, correlations).
 */
public final class BestModelKeeper implements TrainingListener {

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

    @Override
    public void onEvaluation(long step, Map<String, Double> metrics) {
        Double value = metrics.get(metric);
        if (value == null) {
            throw new ContrastiveException("--keep-best names metric '" + metric + "', but the evaluation reports only "
                    + String.join(", ", metrics.keySet()));
        }
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
