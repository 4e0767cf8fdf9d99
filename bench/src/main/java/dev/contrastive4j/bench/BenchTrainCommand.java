package dev.contrastive4j.bench;

import dev.contrastive4j.bench.BenchTrainResults.LossThroughput;
import dev.contrastive4j.bench.BenchTrainResults.Memory;
import dev.contrastive4j.bench.BenchTrainResults.MemoryRun;
import dev.contrastive4j.bench.BenchTrainResults.Setup;
import dev.contrastive4j.bench.BenchTrainResults.Throughput;
import dev.contrastive4j.data.BundledData;
import dev.contrastive4j.data.Datasets;
import dev.contrastive4j.data.ReadOptions;
import dev.contrastive4j.encoder.EncoderLoader;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.engine.DropoutMasks;
import dev.contrastive4j.engine.FusedAdamW;
import dev.contrastive4j.engine.FusedAttention;
import dev.contrastive4j.engine.MklDispatch;
import dev.contrastive4j.engine.PyTorchRuntime;
import dev.contrastive4j.expression.LossSpec;
import dev.contrastive4j.plugin.PluginProblem;
import dev.contrastive4j.plugin.PluginRegistry;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.Example;
import dev.contrastive4j.train.LossPlan;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code c4j bench train}: how fast training steps run and how much memory they take, for the uncached
 * in-batch-negatives loss ({@code mnrl}) and its gradient-cached twin ({@code cmnrl}).
 *
 * <p>Throughput: both losses train the same model on the same batches of WordNet training triplets through
 * the project's own {@link dev.contrastive4j.train.Trainer} (forward, backward, clipping, AdamW update), a
 * few warm-up steps and then timed steps. Memory: the cached loss at each of several batch sizes, and the
 * uncached one at the smallest and largest for contrast, each in a fresh child JVM ({@link TrainMemoryProbe})
 * that reports its peak resident set above the baseline of the loaded model and optimizer state. libtorch
 * allocates outside the JVM heap, so only the resident set sees a step's activations.
 *
 * <p>The plugin registry is discovered from this class's class loader, so the command works on its own as
 * well as under a parent command.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure training throughput (mnrl vs cmnrl) and peak memory (cmnrl by batch size).",
            "Trains on the bundled WordNet training triplets with the given model; takes minutes with minilm.",
            "Example: c4j bench train --threads 2 --long --output bench-train.json"})
final class BenchTrainCommand implements Callable<Integer> {

    /** A memory run that takes longer than this is stopped. */
    static final Duration MEMORY_RUN_TIMEOUT = Duration.ofMinutes(30);
    /** The uncached memory run is skipped when its estimate exceeds this share of the available memory. */
    static final double MEMORY_HEADROOM = 0.6;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "NAME|DIR", defaultValue = EncoderLoader.MINILM,
            description = "Base model: 'minilm' or a model folder (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2",
            description = "PyTorch intra-op threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "5",
            description = "Timed steps per loss (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "2",
            description = "Untimed steps before them (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "32",
            description = "Triplets per step for throughput (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--mini-batch-size", paramLabel = "N", defaultValue = "8",
            description = "cmnrl's mini_batch_size for throughput (default: ${DEFAULT-VALUE}).")
    int miniBatchSize;

    @Option(names = "--max-seq-length", paramLabel = "N", defaultValue = "64",
            description = "Tokens per text at most (default: ${DEFAULT-VALUE}).")
    int maxSeqLength;

    @Option(names = "--long", description = "Concatenate real texts up to --max-seq-length tokens each (WordNet's"
            + " own are about a dozen tokens).")
    boolean lengthen;

    @Option(names = "--memory-batch-sizes", defaultValue = "32,256", split = ",", paramLabel = "N[,N...]",
            description = "Batch sizes of the cmnrl memory runs (default: ${DEFAULT-VALUE}).")
    List<Integer> memoryBatchSizes;

    @Option(names = "--memory-mini-batch-size", paramLabel = "N", defaultValue = "32",
            description = "cmnrl's mini_batch_size for the memory runs (default: ${DEFAULT-VALUE}).")
    int memoryMiniBatchSize;

    @Option(names = "--memory-steps", paramLabel = "N", defaultValue = "1",
            description = "Steps per memory run (default: ${DEFAULT-VALUE}).")
    int memorySteps;

    @Option(names = "--mnrl-memory", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also measure mnrl at the smallest and, if it should fit, the largest memory batch size"
                    + " (default: on).")
    boolean mnrlMemory;

    @Option(names = "--skip-memory", description = "Measure throughput only.")
    boolean skipMemory;

    @Option(names = "--skip-throughput", description = "Measure memory only.")
    boolean skipThroughput;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of the sample, the batches and dropout (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--output", paramLabel = "FILE", description = "Also write the results to this JSON file.")
    Path output;

    /** The uncached and the cached loss, and how many texts one forward pass of each embeds. */
    private record BenchLoss(String expression, int textsPerPass) {
    }

    @Override
    public Integer call() {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Double> loadBefore = loadAverage();
        // Read once, when the engine starts: the first array this process creates.
        System.setProperty(PyTorchRuntime.INTRA_OP_THREADS, Integer.toString(threads));
        int engineThreads = PyTorchRuntime.intraOpThreads();
        if (engineThreads != threads) {
            err.printf("c4j: warning: the engine had already started with %d intra-op threads; --threads %d applies"
                    + " to the memory runs only%n", engineThreads, threads);
        }
        Path data = BundledData.wordnetTrain();
        List<Example> source = Datasets.readAll(data, ReadOptions.defaults());
        PluginRegistry registry = registry(err);

        Optional<Throughput> throughput = skipThroughput ? Optional.empty()
                : Optional.of(measureThroughput(source, registry, err));
        Optional<Memory> memory = skipMemory ? Optional.empty()
                : Optional.of(measureMemory(data, columns(source), registry, err));

        Setup setup = new Setup(model, maxSeqLength, threads, engineThreads,
                Optional.ofNullable(System.getenv("OMP_WAIT_POLICY")), seed, lengthen, data.toString());
        BenchTrainResults results = new BenchTrainResults(setup, loadBefore, loadAverage(), throughput, memory);
        BenchTrainReport.printTable(results, out);
        out.println("Matrix products: " + MklDispatch.describe());
        out.println("Attention: " + FusedAttention.describe());
        out.println("Optimizer: " + FusedAdamW.describe());
        out.println("Dropout: " + DropoutMasks.describe());
        if (output != null) {
            BenchTrainReport.writeJson(results, output);
            out.printf("Results written to %s%n", output);
            out.flush();
        }
        return 0;
    }

    private Throughput measureThroughput(List<Example> source, PluginRegistry registry, PrintWriter err) {
        List<BenchLoss> losses = List.of(new BenchLoss("mnrl", batchSize),
                new BenchLoss("cmnrl(mini_batch_size=" + miniBatchSize + ")", Math.min(miniBatchSize, batchSize)));
        List<LossThroughput> results = new ArrayList<>();
        try (SentenceEncoder encoder = new EncoderLoader().load(model, OptionalInt.of(maxSeqLength))) {
            BenchmarkTriplets triplets = BenchmarkTriplets.sample(source, batchSize * (warmup + steps), seed, encoder,
                    lengthen);
            List<int[]> batches = TrainerStepBenchmark.batches(triplets.rows(), batchSize, seed);
            List<int[]> timed = batches.subList(warmup, batches.size());
            for (BenchLoss loss : losses) {
                LossPlan plan = LossPlan.create(LossSpec.parse(loss.expression(), registry), DataFormat.TRIPLET,
                        registry);
                String name = plan.spec().canonical();
                progress(err, "throughput of %s: %d warm-up + %d timed steps of %d triplets", name, warmup, steps,
                        batchSize);
                // Both losses train the same encoder in turn: the weights move a little, the cost does not.
                TrainerStepBenchmark.Measurement measurement = TrainerStepBenchmark.run(encoder, plan,
                        triplets.rows(), batchSize, warmup, steps, seed, false);
                results.add(new LossThroughput(name, batchSize, measurement.stepSeconds(), triplets.tokensPerText(),
                        triplets.paddedTokensPerText(timed, loss.textsPerPass())));
            }
        }
        return new Throughput(batchSize, warmup, steps, results);
    }

    private Memory measureMemory(Path data, int columns, PluginRegistry registry, PrintWriter err) {
        if (ResidentMemory.read().isEmpty()) {
            return new Memory(memorySteps, List.of(), List.of("not measured: this system has no /proc/self/status"
                    + " with VmRSS and VmHWM (Linux only)"));
        }
        String cached = LossSpec.parse("cmnrl(mini_batch_size=" + memoryMiniBatchSize + ")", registry).canonical();
        String plain = LossSpec.parse("mnrl", registry).canonical();
        List<Integer> sizes = memoryBatchSizes.stream().distinct().sorted().toList();
        List<MemoryRun> runs = new ArrayList<>();
        for (int size : sizes) {
            runs.add(memoryRun(data, cached, size, true, err));
        }
        if (mnrlMemory) {
            int smallest = sizes.get(0);
            int largest = sizes.get(sizes.size() - 1);
            MemoryRun plainSmallest = memoryRun(data, plain, smallest, false, err);
            runs.add(plainSmallest);
            if (largest > smallest) {
                Optional<String> tooBig = plainRunTooBig(runs.get(0), columns, largest);
                runs.add(tooBig.isPresent() ? new MemoryRun(plain, largest, false, Optional.empty(), tooBig)
                        : memoryRun(data, plain, largest, false, err));
            }
        }
        return new Memory(memorySteps, runs, List.of());
    }

    private MemoryRun memoryRun(Path data, String loss, int size, boolean isCached, PrintWriter err) {
        progress(err, "peak memory of %s at batch %d (%d step(s), child JVM)", loss, size, memorySteps);
        var probe = new TrainMemoryProbe.Configuration(model, maxSeqLength, data, lengthen, loss, size, memorySteps, seed,
                threads);
        try {
            return new MemoryRun(loss, size, isCached, Optional.of(TrainMemoryProbe.measure(probe, MEMORY_RUN_TIMEOUT)),
                    Optional.empty());
        } catch (ContrastiveException e) {
            progress(err, "%s", e.getMessage());
            return new MemoryRun(loss, size, isCached, Optional.empty(), Optional.of("failed: " + e.getMessage()));
        }
    }

    /**
     * Why the uncached run at {@code batch} would not fit, if so. Its graph holds all {@code columns × batch}
     * texts at once; the smallest cached run's whole peak is charged to the {@code min(batch, mini-batch)} texts
     * whose graph it holds at a time. That overestimates (gradients and optimizer temporaries do not grow with
     * the batch), on purpose: on a shared machine, the kernel's out-of-memory killer may pick another process.
     */
    private Optional<String> plainRunTooBig(MemoryRun cachedSmallest, int columns, int batch) {
        Optional<Long> available = ResidentMemory.available();
        if (cachedSmallest.result().isEmpty() || available.isEmpty()) {
            return Optional.empty();
        }
        int texts = Math.min(cachedSmallest.batchSize(), memoryMiniBatchSize);
        long estimate = (long) ((double) cachedSmallest.result().get().peakAboveBaselineBytes() / texts * columns
                * batch);
        if (estimate <= MEMORY_HEADROOM * available.get()) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "skipped: might need up to %s (%d texts' graphs at once),"
                + " more than %.0f%% of the %s available", BenchTrainReport.bytes(estimate), columns * batch,
                100 * MEMORY_HEADROOM, BenchTrainReport.bytes(available.get())));
    }

    private void validate() {
        require(threads >= 1, "--threads must be >= 1, got " + threads);
        require(steps >= 1, "--steps must be >= 1, got " + steps);
        require(warmup >= 0, "--warmup must be >= 0, got " + warmup);
        require(batchSize >= 2, "--batch-size must be >= 2 (in-batch negatives), got " + batchSize);
        require(miniBatchSize >= 1, "--mini-batch-size must be >= 1, got " + miniBatchSize);
        require(maxSeqLength >= 2, "--max-seq-length must be >= 2, got " + maxSeqLength);
        require(memoryMiniBatchSize >= 1, "--memory-mini-batch-size must be >= 1, got " + memoryMiniBatchSize);
        require(memorySteps >= 1, "--memory-steps must be >= 1, got " + memorySteps);
        require(!memoryBatchSizes.isEmpty() && memoryBatchSizes.stream().allMatch(size -> size >= 2),
                "--memory-batch-sizes must be sizes >= 2, got " + memoryBatchSizes);
        require(!(skipMemory && skipThroughput), "--skip-memory and --skip-throughput together leave nothing to do");
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new ContrastiveException(problem);
        }
    }

    /** Texts per triplet in the data (anchor, positive and the negatives of its first triplet). */
    private static int columns(List<Example> source) {
        return source.stream().filter(row -> row.format() == DataFormat.TRIPLET).findFirst()
                .map(row -> row.texts().size())
                .orElseThrow(() -> new ContrastiveException("the benchmark trains on triplets, but the data holds none"));
    }

    /** The registry of the plugins this class's loader sees; problems are warnings, as in {@code c4j}. */
    private static PluginRegistry registry(PrintWriter err) {
        PluginRegistry registry = PluginRegistry.discover(BenchTrainCommand.class.getClassLoader());
        for (PluginProblem problem : registry.problems()) {
            err.println("c4j: warning: plugin skipped: " + problem.source() + ": " + problem.message());
        }
        return registry;
    }

    /** The 1, 5 and 15 minute load averages from {@code /proc/loadavg}; empty where there is none. */
    static List<Double> loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim().split("\\s+");
            return Arrays.stream(fields, 0, 3).map(Double::valueOf).toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static void progress(PrintWriter err, String format, Object... args) {
        err.printf(Locale.ROOT, "bench train: " + format + "%n", args);
        err.flush();
    }
}
