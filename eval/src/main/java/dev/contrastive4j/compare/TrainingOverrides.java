package dev.contrastive4j.compare;

import dev.contrastive4j.train.TrainingConfig;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The hyperparameters one configuration of a comparison sets differently from the comparison's own. A
 * {@code null} field keeps the comparison's value. Setting {@code epochs} without {@code maxSteps} also clears
 * the comparison's step limit, so that the epochs take effect.
 *
 * @param learningRate peak learning rate
 * @param batchSize rows per batch
 * @param epochs passes over the training data
 * @param maxSteps updates in total (0: the epochs decide)
 * @param warmupRatio share of the updates spent warming up
 * @param weightDecay AdamW's decoupled weight decay
 * @param maxGradNorm global gradient-norm clip (0: none)
 */
public record TrainingOverrides(Double learningRate, Integer batchSize, Integer epochs, Long maxSteps, Double warmupRatio,
        Double weightDecay, Double maxGradNorm) {

    /** Nothing overridden. */
    static final TrainingOverrides NONE = new TrainingOverrides(null, null, null, null, null, null, null);

    /** The comparison's hyperparameters with these overrides applied; checked by {@link TrainingConfig}. */
    TrainingConfig applyTo(TrainingConfig base) {
        TrainingConfig config = base;
        if (learningRate != null) {
            config = config.withLearningRate(learningRate);
        }
        if (batchSize != null) {
            config = config.withBatchSize(batchSize);
        }
        if (epochs != null) {
            config = config.withEpochs(epochs);
            if (maxSteps == null) {
                config = config.withMaxSteps(0);
            }
        }
        if (maxSteps != null) {
            config = config.withMaxSteps(maxSteps);
        }
        if (warmupRatio != null) {
            config = config.withWarmupRatio(warmupRatio);
        }
        if (weightDecay != null) {
            config = config.withWeightDecay(weightDecay);
        }
        if (maxGradNorm != null) {
            config = config.withMaxGradNorm(maxGradNorm);
        }
        return config;
    }

    /** The overrides as {@code lr=0.00005, batch_size=16}, in a fixed order; empty when there are none. */
    String describe() {
        List<String> parts = new ArrayList<>();
        add(parts, "lr", learningRate);
        add(parts, "batch_size", batchSize);
        add(parts, "epochs", epochs);
        add(parts, "max_steps", maxSteps);
        add(parts, "warmup_ratio", warmupRatio);
        add(parts, "weight_decay", weightDecay);
        add(parts, "max_grad_norm", maxGradNorm);
        return String.join(", ", parts);
    }

    private static void add(List<String> parts, String name, Number value) {
        if (value != null) {
            parts.add(name + "=" + (value instanceof Double d
                    ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString() : value));
        }
    }
}
