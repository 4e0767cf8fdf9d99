package dev.contrastive4j.train;

/**
 * Where a run stands, written into every checkpoint. Shuffling and dropout derive from the seed and the step,
 * so the step count and the seed are all the random state a resume needs.
 *
 * @param step updates completed
 * @param totalSteps updates the run will make
 * @param seed the run's seed
 * @param batchSize rows per batch
 * @param loss the canonical loss expression
 * @param dataSha256 hash of the training rows, to refuse resuming on other data
 */
public record TrainerState(long step, long totalSteps, long seed, int batchSize, String loss, String dataSha256) {

    /** Why {@code other} (the checkpoint) cannot continue this run, or {@code null} if it can. */
    String incompatibility(TrainerState checkpoint) {
        if (!checkpoint.loss.equals(loss)) {
            return "it trained loss '" + checkpoint.loss + "', this run trains '" + loss + "'";
        }
        if (checkpoint.seed != seed || checkpoint.batchSize != batchSize || checkpoint.totalSteps != totalSteps) {
            return "it was made with seed " + checkpoint.seed + ", batch size " + checkpoint.batchSize + " and "
                    + checkpoint.totalSteps + " steps; this run has seed " + seed + ", batch size " + batchSize
                    + " and " + totalSteps + " steps";
        }
        if (!checkpoint.dataSha256.equals(dataSha256)) {
            return "it was trained on other data (sha256 " + checkpoint.dataSha256.substring(0, 12) + "…)";
        }
        return null;
    }
}
