package dev.contrastive4j.train;

import dev.contrastive4j.spi.ContrastiveException;

/**
 * Hyperparameters of one training run. Defaults follow sentence-transformers' trainer.
 *
 * @param epochs passes over the training data (used when {@code maxSteps} is 0)
 * @param maxSteps number of updates; 0 means "as many as {@code epochs} take"
 * @param batchSize rows per batch
 * @param learningRate peak learning rate
 * @param warmupRatio fraction of the updates spent warming up
 * @param weightDecay decoupled weight decay (not applied to biases and LayerNorm weights)
 * @param maxGradNorm global gradient-norm limit; 0 disables clipping
 * @param seed seeds shuffling and dropout
 * @param evalSteps evaluate every this many updates (0: only at the end)
 * @param saveSteps write a checkpoint every this many updates (0: never)
 * @param keepCheckpoints how many checkpoints to keep on disk (newest first)
 */
public record TrainingConfig(
        int epochs,
        long maxSteps,
        int batchSize,
        double learningRate,
        double warmupRatio,
        double weightDecay,
        double maxGradNorm,
        long seed,
        long evalSteps,
        long saveSteps,
        int keepCheckpoints) {

    public TrainingConfig {
        require(epochs >= 1 || maxSteps >= 1, "epochs", "must be >= 1 (or set max steps), got " + epochs);
        require(maxSteps >= 0, "max-steps", "must be >= 0, got " + maxSteps);
        require(batchSize >= 1, "batch-size", "must be >= 1, got " + batchSize);
        require(learningRate > 0 && Double.isFinite(learningRate), "lr", "must be a finite number > 0, got "
                + learningRate);
        require(warmupRatio >= 0 && warmupRatio <= 1, "warmup-ratio", "must be in [0, 1], got " + warmupRatio);
        require(weightDecay >= 0 && Double.isFinite(weightDecay), "weight-decay", "must be >= 0, got " + weightDecay);
        require(maxGradNorm >= 0 && Double.isFinite(maxGradNorm), "max-grad-norm", "must be >= 0, got " + maxGradNorm);
        require(evalSteps >= 0, "eval-steps", "must be >= 0, got " + evalSteps);
        require(saveSteps >= 0, "save-steps", "must be >= 0, got " + saveSteps);
        require(keepCheckpoints >= 1, "keep-checkpoints", "must be >= 1, got " + keepCheckpoints);
    }

    /** sentence-transformers' defaults: 1 epoch, batch 32, lr 2e-5, 10 % warm-up, decay 0.01, clip 1.0. */
    public static TrainingConfig defaults() {
        return new TrainingConfig(1, 0, 32, 2e-5, 0.1, 0.01, 1.0, 42, 0, 0, 2);
    }

    public TrainingConfig withEpochs(int value) {
        return new TrainingConfig(value, maxSteps, batchSize, learningRate, warmupRatio, weightDecay, maxGradNorm,
                seed, evalSteps, saveSteps, keepCheckpoints);
    }

    public TrainingConfig withMaxSteps(long value) {
        return new TrainingConfig(epochs, value, batchSize, learningRate, warmupRatio, weightDecay, maxGradNorm,
                seed, evalSteps, saveSteps, keepCheckpoints);
    }

    public TrainingConfig withBatchSize(int value) {
        return new TrainingConfig(epochs, maxSteps, value, learningRate, warmupRatio, weightDecay, maxGradNorm,
                seed, evalSteps, saveSteps, keepCheckpoints);
    }

    public TrainingConfig withLearningRate(double value) {
        return new TrainingConfig(epochs, maxSteps, batchSize, value, warmupRatio, weightDecay, maxGradNorm,
                seed, evalSteps, saveSteps, keepCheckpoints);
    }

    public TrainingConfig withWarmupRatio(double value) {
        return new TrainingConfig(epochs, maxSteps, batchSize, learningRate, value, weightDecay, maxGradNorm,
                seed, evalSteps, saveSteps, keepCheckpoints);
    }

    public TrainingConfig withWeightDecay(double value) {
        return new TrainingConfig(epochs, maxSteps, batchSize, learningRate, warmupRatio, value, maxGradNorm,
                seed, evalSteps, saveSteps, keepCheckpoints);
    }

    public TrainingConfig withMaxGradNorm(double value) {
        return new TrainingConfig(epochs, maxSteps, batchSize, learningRate, warmupRatio, weightDecay, value,
                seed, evalSteps, saveSteps, keepCheckpoints);
    }

    public TrainingConfig withSeed(long value) {
        return new TrainingConfig(epochs, maxSteps, batchSize, learningRate, warmupRatio, weightDecay, maxGradNorm,
                value, evalSteps, saveSteps, keepCheckpoints);
    }

    public TrainingConfig withEvalSteps(long value) {
        return new TrainingConfig(epochs, maxSteps, batchSize, learningRate, warmupRatio, weightDecay, maxGradNorm,
                seed, value, saveSteps, keepCheckpoints);
    }

    public TrainingConfig withSaveSteps(long value) {
        return new TrainingConfig(epochs, maxSteps, batchSize, learningRate, warmupRatio, weightDecay, maxGradNorm,
                seed, evalSteps, value, keepCheckpoints);
    }

    private static void require(boolean condition, String option, String problem) {
        if (!condition) {
            throw new ContrastiveException("--" + option + " " + problem);
        }
    }
}
