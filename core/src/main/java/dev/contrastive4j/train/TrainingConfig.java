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
        return builder().build();
    }

    /** A builder that starts from {@link #defaults()}; the record's canonical constructor is for deserialisers. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this configuration. */
    public Builder toBuilder() {
        return new Builder().epochs(epochs).maxSteps(maxSteps).batchSize(batchSize).learningRate(learningRate)
                .warmupRatio(warmupRatio).weightDecay(weightDecay).maxGradNorm(maxGradNorm).seed(seed)
                .evalSteps(evalSteps).saveSteps(saveSteps).keepCheckpoints(keepCheckpoints);
    }

    public TrainingConfig withEpochs(int value) {
        return toBuilder().epochs(value).build();
    }

    public TrainingConfig withMaxSteps(long value) {
        return toBuilder().maxSteps(value).build();
    }

    public TrainingConfig withBatchSize(int value) {
        return toBuilder().batchSize(value).build();
    }

    public TrainingConfig withLearningRate(double value) {
        return toBuilder().learningRate(value).build();
    }

    public TrainingConfig withWarmupRatio(double value) {
        return toBuilder().warmupRatio(value).build();
    }

    public TrainingConfig withWeightDecay(double value) {
        return toBuilder().weightDecay(value).build();
    }

    public TrainingConfig withMaxGradNorm(double value) {
        return toBuilder().maxGradNorm(value).build();
    }

    public TrainingConfig withSeed(long value) {
        return toBuilder().seed(value).build();
    }

    public TrainingConfig withEvalSteps(long value) {
        return toBuilder().evalSteps(value).build();
    }

    public TrainingConfig withSaveSteps(long value) {
        return toBuilder().saveSteps(value).build();
    }

    /** Builds a {@link TrainingConfig}; every value starts at its default and is checked by {@link #build()}. */
    public static final class Builder {

        private int epochs = 1;
        private long maxSteps;
        private int batchSize = 32;
        private double learningRate = 2e-5;
        private double warmupRatio = 0.1;
        private double weightDecay = 0.01;
        private double maxGradNorm = 1.0;
        private long seed = 42;
        private long evalSteps;
        private long saveSteps;
        private int keepCheckpoints = 2;

        private Builder() {
        }

        public Builder epochs(int value) {
            epochs = value;
            return this;
        }

        public Builder maxSteps(long value) {
            maxSteps = value;
            return this;
        }

        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        public Builder learningRate(double value) {
            learningRate = value;
            return this;
        }

        public Builder warmupRatio(double value) {
            warmupRatio = value;
            return this;
        }

        public Builder weightDecay(double value) {
            weightDecay = value;
            return this;
        }

        public Builder maxGradNorm(double value) {
            maxGradNorm = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder evalSteps(long value) {
            evalSteps = value;
            return this;
        }

        public Builder saveSteps(long value) {
            saveSteps = value;
            return this;
        }

        public Builder keepCheckpoints(int value) {
            keepCheckpoints = value;
            return this;
        }

        /** @throws ContrastiveException naming the option of the first value out of range */
        public TrainingConfig build() {
            return new TrainingConfig(epochs, maxSteps, batchSize, learningRate, warmupRatio, weightDecay,
                    maxGradNorm, seed, evalSteps, saveSteps, keepCheckpoints);
        }
    }

    private static void require(boolean condition, String option, String problem) {
        if (!condition) {
            throw new ContrastiveException("--" + option + " " + problem);
        }
    }
}
