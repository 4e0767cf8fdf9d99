package dev.contrastive4j.compare;

import dev.contrastive4j.train.StepMetrics;
import dev.contrastive4j.train.TrainingListener;
import java.nio.file.Path;
import java.util.Map;

/**
 * Times the updates of a run and nothing else: the trainer evaluates and writes checkpoints between updates,
 * and both would otherwise count as training time. An update's time is the time since the previous event
 * (start, update, checkpoint or evaluation): the trainer starts the next update right after telling its
 * listeners about the previous one. Its rows are that time times the rows per second the trainer measured
 * for it.
 */
final class TrainingStopwatch implements TrainingListener {

    private long lastEvent;
    private long updateNanos;
    private double rows;

    @Override
    public void onStart(long firstStep, long totalSteps) {
        lastEvent = System.nanoTime();
    }

    @Override
    public void onStep(StepMetrics metrics) {
        long now = System.nanoTime();
        long elapsed = now - lastEvent;
        updateNanos += elapsed;
        rows += Math.round(metrics.rowsPerSecond() * elapsed / 1e9);
        lastEvent = now;
    }

    @Override
    public void onEvaluation(long step, Map<String, Double> metrics) {
        lastEvent = System.nanoTime();
    }

    @Override
    public void onCheckpoint(long step, Path folder) {
        lastEvent = System.nanoTime();
    }

    /** Seconds spent in updates. */
    double seconds() {
        return updateNanos / 1e9;
    }

    /** Training rows per second of update time; NaN before the first update. */
    double rowsPerSecond() {
        return updateNanos == 0 ? Double.NaN : rows / seconds();
    }
}
