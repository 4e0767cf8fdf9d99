package dev.contrastive4j.train;

import java.nio.file.Path;
import java.util.Map;

/**
 * The outcome of a run.
 *
 * @param steps updates made in total (including those before a resume)
 * @param finalModel where the trained model was saved
 * @param finalLoss the last step's weighted loss
 * @param evaluation the last evaluation's metrics (empty without evaluators)
 * @param trainingSeconds seconds spent in this process
 * @param rowsPerSecond training rows per second in this process
 */
public record TrainingResult(long steps, Path finalModel, double finalLoss, Map<String, Double> evaluation,
        double trainingSeconds, double rowsPerSecond) {
}
