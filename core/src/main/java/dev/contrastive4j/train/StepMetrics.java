package dev.contrastive4j.train;

import java.util.Map;

/**
 * What one update did.
 *
 * @param step the 1-based number of the update
 * @param totalSteps updates in the run
 * @param epoch the 0-based epoch
 * @param loss the weighted total loss
 * @param losses each term's unweighted loss, by term
 * @param learningRate the learning rate used
 * @param gradientNorm the global gradient norm before clipping
 * @param rowsPerSecond training rows per second over this step
 * @param elapsedSeconds seconds since the run (or its resumption) started
 */
public record StepMetrics(long step, long totalSteps, int epoch, double loss, Map<String, Double> losses,
        double learningRate, double gradientNorm, double rowsPerSecond, double elapsedSeconds) {
}
