package dev.contrastive4j.bench;

import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.Triplet;
import dev.contrastive4j.train.EncoderTrainingModel;
import dev.contrastive4j.train.LossPlan;
import dev.contrastive4j.train.NoDuplicatesBatchSampler;
import dev.contrastive4j.train.StepMetrics;
import dev.contrastive4j.train.Trainer;
import dev.contrastive4j.train.TrainingConfig;
import dev.contrastive4j.train.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Times training steps by running the project's {@link Trainer} itself, so that a step is exactly what
 * {@code c4j train} does: the loss combination's forward and backward passes in one gradient collector,
 * global-norm clipping, the AdamW update, gradients cleared, every array of the step freed.
 *
 * <p>The run takes {@code warmup + steps} updates; only the last {@code steps} are timed, each by the
 * trainer's own clock. Optionally it also measures the peak resident memory of the process during the
 * updates, above a baseline taken when the trainer starts (model and optimizer state allocated). The trainer
 * writes its metrics log and final model into a temporary folder, removed afterwards.
 */
final class TrainerStepBenchmark {

    /** The benchmark runs with sentence-transformers' default hyperparameters; only their cost matters here. */
    private static final TrainingConfig BASE = TrainingConfig.defaults();

    /**
     * What one run measured.
     *
     * @param stepSeconds the duration of each timed update
     * @param memory the resident memory during the updates, when it was asked for and could be read
     */
    record Measurement(List<Double> stepSeconds, Optional<StepMemory> memory) {

        Measurement {
            stepSeconds = List.copyOf(stepSeconds);
        }

        double meanSeconds() {
            return stepSeconds.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }
    }

    /**
     * Resident memory around the updates, in bytes.
     *
     * @param baseline resident when the trainer started, before the first update
     * @param peak the highest resident size during the updates
     * @param peakWasReset whether the peak was reset at the baseline; if not, {@code peak} may come from earlier
     *     (model loading)
     */
    record StepMemory(long baseline, long peak, boolean peakWasReset) {

        long peakAboveBaseline() {
            return peak - baseline;
        }
    }

    private TrainerStepBenchmark() {
    }

    /**
     * The batches the trainer forms from {@code rows} in its first epoch: the benchmark's rows are free of
     * repeated texts, so these are all its batches.
     */
    static List<int[]> batches(List<Triplet> rows, int batchSize, long seed) {
        return new NoDuplicatesBatchSampler(rows, batchSize, seed, false).batches(0);
    }

    /**
     * Trains {@code encoder} in place on {@code rows}, which must make exactly {@code warmup + steps} full
     * batches.
     */
    static Measurement run(SentenceEncoder encoder, LossPlan plan, List<Triplet> rows, int batchSize, int warmup,
            int steps, long seed, boolean measureMemory) {
        int updates = warmup + steps;
        if (rows.size() != (long) batchSize * updates) {
            throw new IllegalArgumentException("expected " + batchSize * updates + " rows for " + updates
                    + " batches of " + batchSize + ", got " + rows.size());
        }
        TrainingConfig config = BASE.withBatchSize(batchSize).withMaxSteps(updates).withSeed(seed).withSaveSteps(0);
        StepClock clock = new StepClock(warmup, batchSize, measureMemory);
        Path folder = temporaryFolder();
        try {
            new Trainer(new EncoderTrainingModel(encoder, batchSize), plan, config, folder, List.of(), List.of(clock))
                    .train(rows, false);
        } finally {
            deleteRecursively(folder);
        }
        if (clock.stepSeconds.size() != steps) {
            throw new IllegalStateException("the trainer ran " + (clock.stepSeconds.size() + warmup) + " updates, "
                    + updates + " were planned");
        }
        return new Measurement(clock.stepSeconds, clock.memory());
    }

    /** Listens to the trainer: durations of the timed updates and the resident peak. */
    private static final class StepClock implements TrainingListener {

        private final int warmup;
        private final int batchSize;
        private final boolean measureMemory;
        private final List<Double> stepSeconds = new ArrayList<>();
        private long baseline = -1;
        private long peak = -1;
        private boolean peakWasReset;

        StepClock(int warmup, int batchSize, boolean measureMemory) {
            this.warmup = warmup;
            this.batchSize = batchSize;
            this.measureMemory = measureMemory;
        }

        @Override
        public void onStart(long firstStep, long totalSteps) {
            if (measureMemory) {
                peakWasReset = ResidentMemory.resetPeak();
                ResidentMemory.read().ifPresent(snapshot -> baseline = snapshot.current());
            }
        }

        @Override
        public void onStep(StepMetrics metrics) {
            // The trainer reports rows / seconds of the update (batch to cleared gradients); every batch is full.
            if (metrics.step() > warmup) {
                stepSeconds.add(batchSize / metrics.rowsPerSecond());
            }
            if (measureMemory) {
                // Read before the trainer saves the final model, which copies every weight into the heap.
                ResidentMemory.read().ifPresent(snapshot -> peak = Math.max(peak, snapshot.peak()));
            }
        }

        Optional<StepMemory> memory() {
            return baseline < 0 || peak < 0 ? Optional.empty()
                    : Optional.of(new StepMemory(baseline, peak, peakWasReset));
        }
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("c4j-bench-train-");
        } catch (IOException e) {
            throw new ContrastiveException("cannot create a temporary folder for the benchmark's training runs: "
                    + e.getMessage(), e);
        }
    }

    private static void deleteRecursively(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the temporary folder " + folder + ": " + e.getMessage(), e);
        }
    }
}
