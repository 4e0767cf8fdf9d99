package dev.contrastive4j.compare;

import dev.contrastive4j.train.TrainingListener;

/** Shows one training run's progress while it runs, and is closed when the run ends, however it ends. */
public interface RunProgress extends TrainingListener, AutoCloseable {

    /** Shows nothing. */
    Factory NONE = run -> new RunProgress() {
        @Override
        public void close() {
        }
    };

    @Override
    void close();

    /** Opens a {@link RunProgress} for each training run of a comparison. */
    @FunctionalInterface
    interface Factory {

        /** @param runName the configuration's name */
        RunProgress open(String runName);
    }
}
