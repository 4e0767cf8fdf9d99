package dev.contrastive4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contrastive4j.data.Datasets;
import dev.contrastive4j.data.ReadOptions;
import dev.contrastive4j.encoder.EncoderLoader;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.engine.PyTorchRuntime;
import dev.contrastive4j.expression.LossSpec;
import dev.contrastive4j.plugin.PluginRegistry;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.train.LossPlan;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * Measures the peak resident memory of training steps of one configuration in a fresh JVM.
 *
 * <p>Why a child process: glibc keeps much of what libtorch frees mapped for reuse, so in a process that has
 * already trained (another configuration, the throughput runs) the resident size neither starts from the
 * same baseline nor grows by what a step needs. A fresh JVM loads the model, starts the trainer (the
 * optimizer state allocated), resets the kernel's peak counter, runs the steps and prints one line:
 * {@value #RESULT_PREFIX} followed by a JSON object. {@link #measure} starts the child with this JVM's class
 * path and reads that line.
 */
@Command(name = "train-memory-probe", hidden = true,
        description = "Internal: one benchmark memory configuration, run in a child JVM by 'bench train'.")
final class TrainMemoryProbe implements Callable<Integer> {

    /** Starts the child's result line on standard output. */
    static final String RESULT_PREFIX = "c4j-train-memory-probe: ";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One configuration.
     *
     * @param model a model name or folder
     * @param maxSeqLength tokens per text
     * @param data the triplets file
     * @param lengthen whether texts are concatenated up to {@code maxSeqLength}
     * @param loss the loss expression
     * @param batchSize rows per update
     * @param steps updates, all measured
     * @param seed fixes the sample, the batches and dropout
     * @param threads PyTorch intra-op threads
     */
    record Configuration(String model, int maxSeqLength, Path data, boolean lengthen, String loss, int batchSize, int steps,
            long seed, int threads) {
    }

    /**
     * What the child measured.
     *
     * @param baselineBytes resident when the trainer started (model and optimizer state in memory)
     * @param peakBytes the highest resident size during the updates
     * @param peakWasReset whether the kernel's peak counter was reset at the baseline
     * @param secondsPerStep mean duration of the updates
     * @param tokensPerText mean tokens per text trained on
     * @param longestText tokens of the longest text: the pass that holds it is padded to it, so with texts of
     *     varied length the largest graph grows with the batch, which holds more of the long ones
     */
    record Result(long baselineBytes, long peakBytes, boolean peakWasReset, double secondsPerStep,
            double tokensPerText, int longestText) {

        long peakAboveBaselineBytes() {
            return peakBytes - baselineBytes;
        }
    }

    @Spec
    CommandSpec commandSpec;

    @Option(names = "--model", required = true)
    String model;

    @Option(names = "--max-seq-length", required = true)
    int maxSeqLength;

    @Option(names = "--data", required = true)
    Path data;

    @Option(names = "--long")
    boolean lengthen;

    @Option(names = "--loss", required = true)
    String loss;

    @Option(names = "--batch-size", required = true)
    int batchSize;

    @Option(names = "--steps", required = true)
    int steps;

    @Option(names = "--seed", required = true)
    long seed;

    /** Runs one configuration and prints the result line; the thread count comes as a system property. */
    public static void main(String[] args) {
        PyTorchRuntime.configureDefaults();
        System.exit(new CommandLine(new TrainMemoryProbe()).execute(args));
    }

    @Override
    public Integer call() {
        PluginRegistry registry = PluginRegistry.discover(TrainMemoryProbe.class.getClassLoader());
        LossPlan plan = LossPlan.create(LossSpec.parse(loss, registry), DataFormat.TRIPLET, registry);
        var source = Datasets.readAll(data, ReadOptions.defaults());
        try (SentenceEncoder encoder = new EncoderLoader().load(model, OptionalInt.of(maxSeqLength))) {
            BenchmarkTriplets triplets = BenchmarkTriplets.sample(source, batchSize * steps, seed, encoder, lengthen);
            TrainerStepBenchmark.Measurement measurement = TrainerStepBenchmark.run(encoder, plan, triplets.rows(),
                    batchSize, 0, steps, seed, true);
            TrainerStepBenchmark.StepMemory memory = measurement.memory().orElseThrow(() -> new ContrastiveException(
                    "cannot read the resident memory: /proc/self/status is missing or has no VmRSS and VmHWM"));
            ObjectNode result = JSON.createObjectNode().put("baselineBytes", memory.baseline())
                    .put("peakBytes", memory.peak()).put("peakWasReset", memory.peakWasReset())
                    .put("secondsPerStep", measurement.meanSeconds()).put("tokensPerText", triplets.tokensPerText())
                    .put("longestText", triplets.longestText());
            PrintWriter out = commandSpec.commandLine().getOut();
            out.println(RESULT_PREFIX + result);
            out.flush();
        }
        return 0;
    }

    /**
     * Runs {@code spec} in a child JVM (see {@link ChildJvm}).
     *
     * @throws ContrastiveException if the child fails, runs past {@code timeout} or prints no result
     */
    static Result measure(Configuration spec, Duration timeout) {
        List<String> arguments = new ArrayList<>(List.of("--model", spec.model(), "--max-seq-length",
                Integer.toString(spec.maxSeqLength()), "--data", spec.data().toString(), "--loss", spec.loss(),
                "--batch-size", Integer.toString(spec.batchSize()), "--steps", Integer.toString(spec.steps()),
                "--seed", Long.toString(spec.seed())));
        if (spec.lengthen()) {
            arguments.add("--long");
        }
        String what = "memory measurement of " + spec.loss() + " at batch " + spec.batchSize();
        String line = ChildJvm.run(TrainMemoryProbe.class, arguments, spec.threads(), RESULT_PREFIX, timeout, what);
        try {
            JsonNode node = JSON.readTree(line);
            return new Result(node.get("baselineBytes").asLong(), node.get("peakBytes").asLong(),
                    node.get("peakWasReset").asBoolean(), node.get("secondsPerStep").asDouble(),
                    node.get("tokensPerText").asDouble(), node.get("longestText").asInt());
        } catch (IOException e) {
            throw new ContrastiveException("the " + what + " printed an unreadable result: " + e.getMessage(), e);
        }
    }
}
