package dev.contrastive4j.train;

/**
 * What a {@link Training} produced.
 *
 * @param result steps, final loss, the final model's folder, the last evaluation, timing
 * @param plan the losses as trained, with the conversions chosen for each
 * @param trainRows the training rows used (after any subset)
 */
public record TrainingOutcome(TrainingResult result, LossPlan plan, int trainRows) {
}
