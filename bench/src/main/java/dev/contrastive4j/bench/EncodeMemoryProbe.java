package dev.contrastive4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contrastive4j.encoder.EncoderLoader;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.engine.PyTorchRuntime;
import dev.contrastive4j.spi.ContrastiveException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
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
 * Measures the peak resident memory of embedding a set of texts once, with one engine, in a fresh JVM (see
 * {@link ChildJvm} for why a fresh one). The child loads only its own engine (ONNX Runtime's child never loads
 * libtorch), reads the texts (contrastive4j) or their token ids (ONNX Runtime) from a file the parent wrote,
 * takes the resident size as the baseline, embeds everything once and prints one line: {@value #RESULT_PREFIX}
 * followed by a JSON object.
 */
@Command(name = "encode-memory-probe", hidden = true,
        description = "Internal: one engine's encoding memory, run in a child JVM by 'bench encode --memory'.")
final class EncodeMemoryProbe implements Callable<Integer> {

    static final String RESULT_PREFIX = "c4j-encode-memory-probe: ";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Which engine a probe runs. */
    enum Engine {
        CONTRASTIVE4J, ONNX_RUNTIME
    }

    /**
     * What the child measured, in bytes.
     *
     * @param baselineBytes resident once the engine and model were loaded
     * @param peakBytes the highest resident size while embedding
     * @param seconds the time of the one pass
     */
    record Result(long baselineBytes, long peakBytes, double seconds) {

        long peakAboveBaselineBytes() {
            return peakBytes - baselineBytes;
        }
    }

    @Spec
    CommandSpec commandSpec;

    @Option(names = "--engine", required = true)
    Engine engine;

    @Option(names = "--max-seq-length", required = true)
    int maxSeqLength;

    @Option(names = "--batch-size", required = true)
    int batchSize;

    @Option(names = "--threads", required = true)
    int threads;

    @Option(names = "--onnx-spinning", required = true, arity = "1")
    boolean onnxSpinning;

    @Option(names = "--inputs", required = true, description = "JSON array of texts (contrastive4j) or of token id"
            + " arrays (ONNX Runtime).")
    Path inputs;

    public static void main(String[] args) {
        PyTorchRuntime.configureDefaults();
        System.exit(new CommandLine(new EncodeMemoryProbe()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        JsonNode read = JSON.readTree(inputs.toFile());
        Result result = switch (engine) {
            case CONTRASTIVE4J -> {
                List<String> texts = new ArrayList<>();
                read.forEach(text -> texts.add(text.asText()));
                try (SentenceEncoder encoder = new EncoderLoader().load(EncoderLoader.MINILM,
                        OptionalInt.of(maxSeqLength))) {
                    yield measure(() -> encoder.encode(texts, batchSize));
                }
            }
            case ONNX_RUNTIME -> {
                List<long[]> tokens = new ArrayList<>();
                read.forEach(ids -> {
                    long[] row = new long[ids.size()];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = ids.get(i).asLong();
                    }
                    tokens.add(row);
                });
                try (OnnxRuntimeMiniLm onnxRuntime = new OnnxRuntimeMiniLm(threads, onnxSpinning)) {
                    yield measure(() -> onnxRuntime.encode(tokens, batchSize));
                }
            }
        };
        PrintWriter out = commandSpec.commandLine().getOut();
        out.println(RESULT_PREFIX + JSON.createObjectNode().put("baselineBytes", result.baselineBytes())
                .put("peakBytes", result.peakBytes()).put("seconds", result.seconds()));
        out.flush();
        return 0;
    }

    private static Result measure(Runnable encode) {
        boolean reset = ResidentMemory.resetPeak();
        long baseline = ResidentMemory.read().orElseThrow(EncodeMemoryProbe::noProc).current();
        long start = System.nanoTime();
        encode.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        ResidentMemory.Snapshot after = ResidentMemory.read().orElseThrow(EncodeMemoryProbe::noProc);
        if (!reset) {
            throw new ContrastiveException("cannot reset the resident-memory peak (/proc/self/clear_refs)");
        }
        return new Result(baseline, after.peak(), seconds);
    }

    private static ContrastiveException noProc() {
        return new ContrastiveException("cannot read the resident memory: /proc/self/status is missing or has no"
                + " VmRSS and VmHWM");
    }

    /**
     * Embeds {@code texts} (contrastive4j) or {@code tokens} (ONNX Runtime) once in a child JVM.
     *
     * @throws ContrastiveException if the child fails or prints no result
     */
    static Result measure(Engine engine, List<String> texts, List<long[]> tokens, int maxSeqLength, int batchSize,
            int threads, boolean onnxSpinning, Duration timeout) {
        Path inputs = null;
        try {
            inputs = Files.createTempFile("c4j-encode-probe-", ".json");
            JSON.writeValue(inputs.toFile(), engine == Engine.CONTRASTIVE4J ? texts : tokens);
            String what = "memory measurement of " + (engine == Engine.CONTRASTIVE4J ? "contrastive4j" : "ONNX Runtime");
            String line = ChildJvm.run(EncodeMemoryProbe.class, List.of("--engine", engine.name(), "--max-seq-length",
                    Integer.toString(maxSeqLength), "--batch-size", Integer.toString(batchSize), "--threads", Integer.toString(threads),
                    "--onnx-spinning", Boolean.toString(onnxSpinning), "--inputs",
                    inputs.toString()), threads, RESULT_PREFIX, timeout, what);
            JsonNode node = JSON.readTree(line);
            return new Result(node.get("baselineBytes").asLong(), node.get("peakBytes").asLong(),
                    node.get("seconds").asDouble());
        } catch (IOException e) {
            throw new ContrastiveException("cannot run the encoding memory measurement: " + e.getMessage(), e);
        } finally {
            if (inputs != null) {
                try {
                    Files.deleteIfExists(inputs);
                } catch (IOException e) {
                    // A leftover temporary file is harmless.
                }
            }
        }
    }
}
