package dev.contrastive4j.cli;

import dev.contrastive4j.compare.ComparePlan;
import dev.contrastive4j.train.TrainingConfig;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * The hyperparameters {@code train} and {@code compare} share, defined once. Values the user did not give stay unset:
 * each command starts from its own defaults ({@code compare}'s runs are short, so it starts at a higher learning rate
 * and evaluates and saves more often) and from its configuration file, and lays what was given on top.
 */
final class TrainingOptions {

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training data (default: 1).")
    Integer epochs;

    @Option(names = "--max-steps", paramLabel = "N", description = "Stop after N updates (default: 0, the epochs"
            + " decide).")
    Long maxSteps;

    @Option(names = "--batch-size", paramLabel = "N", description = "Rows per batch (default: 32).")
    Integer batchSize;

    @Option(names = "--lr", paramLabel = "X", description = "Peak learning rate (default: train 2e-5; compare 1e-4,"
            + " for its short runs).")
    Double learningRate;

    @Option(names = "--warmup-ratio", paramLabel = "X", description = "Warm-up share of the updates (default: 0.1).")
    Double warmupRatio;

    @Option(names = "--weight-decay", paramLabel = "X", description = "AdamW weight decay (default: 0.01).")
    Double weightDecay;

    @Option(names = "--max-grad-norm", paramLabel = "X", description = "Gradient-norm clip, 0 to disable (default:"
            + " 1.0).")
    Double maxGradNorm;

    @Option(names = "--seed", paramLabel = "S", description = "Seed for shuffling, subsets and dropout; compare's"
            + " first seed (default: 42).")
    Long seed;

    @Option(names = "--eval-steps", paramLabel = "N", description = "Evaluate every N updates, 0: only after the last"
            + " (default: train 0; compare " + ComparePlan.DEFAULT_EVAL_STEPS + ", for its learning curves).")
    Long evalSteps;

    @Option(names = "--save-steps", paramLabel = "N", description = "Checkpoint every N updates so that --resume can"
            + " continue, 0 to disable (default: train 100; compare " + ComparePlan.DEFAULT_SAVE_STEPS + ").")
    Long saveSteps;

    /** Lays the given values over {@code config}. */
    TrainingConfig.Builder applyTo(TrainingConfig.Builder config) {
        ifGiven(epochs, config::epochs);
        ifGiven(maxSteps, config::maxSteps);
        ifGiven(batchSize, config::batchSize);
        ifGiven(learningRate, config::learningRate);
        ifGiven(warmupRatio, config::warmupRatio);
        ifGiven(weightDecay, config::weightDecay);
        ifGiven(maxGradNorm, config::maxGradNorm);
        ifGiven(seed, config::seed);
        ifGiven(evalSteps, config::evalSteps);
        ifGiven(saveSteps, config::saveSteps);
        return config;
    }

    /** Lays the given values over {@code plan} (over its configuration file and defaults). */
    ComparePlan.Builder applyTo(ComparePlan.Builder plan) {
        ifGiven(epochs, plan::epochs);
        ifGiven(maxSteps, plan::maxSteps);
        ifGiven(batchSize, plan::batchSize);
        ifGiven(learningRate, plan::learningRate);
        ifGiven(warmupRatio, plan::warmupRatio);
        ifGiven(weightDecay, plan::weightDecay);
        ifGiven(maxGradNorm, plan::maxGradNorm);
        ifGiven(seed, plan::seed);
        ifGiven(evalSteps, plan::evalSteps);
        ifGiven(saveSteps, plan::saveSteps);
        return plan;
    }

    static <T> void ifGiven(T option, Consumer<T> setter) {
        if (option != null) {
            setter.accept(option);
        }
    }
}
