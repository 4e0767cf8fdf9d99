package dev.contrastive4j.bench;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Everything one {@code bench train} run measured.
 *
 * @param setup what was measured, and how
 * @param loadBefore the system's 1, 5 and 15 minute load averages at the start (empty where unknown)
 * @param loadAfter the same at the end
 * @param throughput the timed training steps, unless skipped
 * @param memory the peak memory runs, unless skipped
 */
record BenchTrainResults(Setup setup, List<Double> loadBefore, List<Double> loadAfter,
        Optional<Throughput> throughput, Optional<Memory> memory) {

    /** The cached loss should keep at least this share of the uncached loss's throughput. */
    static final double THROUGHPUT_RATIO_TARGET = 0.6;
    /** The cached loss's peak at the largest batch should be at most this multiple of its peak at the smallest. */
    static final double MEMORY_RATIO_TARGET = 1.5;

    BenchTrainResults {
        loadBefore = List.copyOf(loadBefore);
        loadAfter = List.copyOf(loadAfter);
    }

    /**
     * The benchmark's settings.
     *
     * @param model the base model's name or folder
     * @param maxSeqLength tokens per text at most
     * @param requestedThreads PyTorch intra-op threads asked for
     * @param engineThreads intra-op threads the engine of this process really used
     * @param ompWaitPolicy the {@code OMP_WAIT_POLICY} environment variable, or empty
     * @param seed fixes the sample, the batches and dropout
     * @param lengthened whether texts were concatenated up to {@code maxSeqLength}
     * @param data the training data file
     */
    record Setup(String model, int maxSeqLength, int requestedThreads, int engineThreads,
            Optional<String> ompWaitPolicy, long seed, boolean lengthened, String data) {
    }

    /**
     * Timed training steps of each loss on the same batches.
     *
     * @param batchSize triplets per step
     * @param warmupSteps untimed steps first
     * @param timedSteps steps timed
     * @param losses the uncached loss first, then the cached one
     */
    record Throughput(int batchSize, int warmupSteps, int timedSteps, List<LossThroughput> losses) {

        Throughput {
            losses = List.copyOf(losses);
        }

        /** Triplets per second of the second loss (cached) over the first (uncached). */
        OptionalDouble cachedToPlainRatio() {
            if (losses.size() < 2) {
                return OptionalDouble.empty();
            }
            return OptionalDouble.of(losses.get(1).tripletsPerSecond() / losses.get(0).tripletsPerSecond());
        }
    }

    /**
     * One loss's timed steps.
     *
     * @param loss the loss expression, canonical
     * @param batchSize triplets per step
     * @param stepSeconds each timed step's duration
     * @param tokensPerText mean tokens per text, special tokens included
     * @param paddedTokensPerText mean tokens per text the forward passes computed on, padding included
     */
    record LossThroughput(String loss, int batchSize, List<Double> stepSeconds, double tokensPerText,
            double paddedTokensPerText) {

        LossThroughput {
            stepSeconds = List.copyOf(stepSeconds);
        }

        double meanSecondsPerStep() {
            return stepSeconds.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }

        double tripletsPerSecond() {
            return batchSize / meanSecondsPerStep();
        }
    }

    /**
     * Peak resident memory of training steps, one child JVM per configuration.
     *
     * @param steps updates per configuration
     * @param runs the configurations, cached loss by batch size first
     * @param notes why memory was not measured at all, if it was not
     */
    record Memory(int steps, List<MemoryRun> runs, List<String> notes) {

        Memory {
            runs = List.copyOf(runs);
            notes = List.copyOf(notes);
        }

        /** The cached loss's peak above baseline at its largest batch over that at its smallest. */
        OptionalDouble cachedRatio() {
            List<MemoryRun> cached = runs.stream().filter(r -> r.cached() && r.result().isPresent())
                    .sorted(Comparator.comparingInt(MemoryRun::batchSize)).toList();
            if (cached.size() < 2) {
                return OptionalDouble.empty();
            }
            long smallest = cached.get(0).result().orElseThrow().peakAboveBaselineBytes();
            long largest = cached.get(cached.size() - 1).result().orElseThrow().peakAboveBaselineBytes();
            return smallest <= 0 ? OptionalDouble.empty() : OptionalDouble.of((double) largest / smallest);
        }

        /** The cached runs' smallest and largest batch sizes, for labelling {@link #cachedRatio()}. */
        Optional<int[]> cachedBatchRange() {
            List<Integer> sizes = runs.stream().filter(r -> r.cached() && r.result().isPresent())
                    .map(MemoryRun::batchSize).sorted().toList();
            return sizes.size() < 2 ? Optional.empty()
                    : Optional.of(new int[] {sizes.get(0), sizes.get(sizes.size() - 1)});
        }
    }

    /**
     * One memory configuration.
     *
     * @param loss the loss expression, canonical
     * @param batchSize triplets per step
     * @param cached whether the loss is the cached one (the subject of the ratio)
     * @param result what the child JVM measured, unless the run was skipped or failed
     * @param note why there is no result
     */
    record MemoryRun(String loss, int batchSize, boolean cached, Optional<TrainMemoryProbe.Result> result,
            Optional<String> note) {
    }
}
