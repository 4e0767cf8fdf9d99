package dev.contrastive4j.train;

import java.nio.file.Path;
import java.util.Map;

/** Observes a training run; the CLI's progress bar and the metrics log are listeners. All methods are optional. */
public interface TrainingListener {

    /** The run starts (or resumes) at {@code firstStep} of {@code totalSteps}. */
    default void onStart(long firstStep, long totalSteps) {
    }

    /** One update finished. */
    default void onStep(StepMetrics metrics) {
    }

    /** An evaluation finished after {@code step} updates; metric name → value. */
    default void onEvaluation(long step, Map<String, Double> metrics) {
    }

    /** A checkpoint was written. */
    default void onCheckpoint(long step, Path folder) {
    }

    /** The run ended normally. */
    default void onFinish(TrainingResult result) {
    }
}
