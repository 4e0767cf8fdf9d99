package dev.contrastive4j.bench;

import ai.djl.pytorch.jni.JniUtils;
import dev.contrastive4j.data.BundledData;
import dev.contrastive4j.encoder.EncoderLoader;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.encoding.EncodeInput;
import dev.contrastive4j.engine.FusedAttention;
import dev.contrastive4j.engine.MklDispatch;
import dev.contrastive4j.engine.PyTorchRuntime;
import dev.contrastive4j.engine.SingleThreadWorkers;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code c4j bench encode}: sentences per second of this project's encoder against ONNX Runtime, on the same
 * all-MiniLM-L6-v2 weights (the ONNX file langchain4j bundles, which {@code minilm} is imported from), the
 * same sentences, the same token ids, the same threads and the same batches.
 *
 * <p>Every contender does the whole job from texts to normalised embeddings: tokenisation (the same Hugging
 * Face tokenizer), sorting by length, padding each batch to its longest member, the transformer, mean pooling
 * and normalisation. ONNX Runtime runs at the same batch size (so both pad the same) and at batch size 1 (no
 * padding at all, as langchain4j's {@code embedAll} does), and, where our encoder runs small passes side by side on
 * single-thread workers ({@code SentenceEncoder.runsSideBySide}), once more scheduled the same way: the small batches
 * in a session of one intra-op thread called from as many Java threads at once. The ratio to that last one compares
 * the engines rather than their schedules. Idle threads of both engines wait the same way: by
 * default ONNX Runtime's spin only where PyTorch's OpenMP threads do (see {@code --onnx-spinning}), as a
 * spinning engine beside a sleeping one measures the scheduler more than the engines. Runs are interleaved (one of each contender per
 * round), so that a change in the machine's load touches all of them alike. Each figure is the best run, the
 * one least disturbed by other processes (on a shared machine the median mostly measures them); the median
 * and every run are printed too.
 */
@Command(name = "encode", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Sentences per second: contrastive4j's encoder vs ONNX Runtime on all-MiniLM-L6-v2, e.g.:",
            "  c4j bench encode",
            "  c4j bench encode --threads 4 --batch-size 64 --runs 5",
            "  c4j bench encode --long --max-seq-length 256 --memory",
            ""})
final class BenchEncodeCommand implements Callable<Integer> {

    private static final String OMP_WAIT_POLICY = "OMP_WAIT_POLICY";

    @Spec
    CommandSpec spec;

    @Option(names = "--input", paramLabel = "FILE", description = "Sentences to embed, one per line (or .jsonl with"
            + " a \"text\" field). Default: sentences from the bundled WordNet training split.")
    Path input;

    @Option(names = "--sentences", paramLabel = "N", description = "How many WordNet sentences to take, evenly"
            + " spaced over the file's distinct anchors and positives (default: 2000), or with --long how many long"
            + " texts to make (default: 500).")
    Integer sentences;

    @Option(names = "--max-seq-length", paramLabel = "N", description = "Tokens per text at most (default: the"
            + " model's own, 256 for all-MiniLM-L6-v2).")
    Integer maxSeqLength;

    @Option(names = "--long", description = "Join real texts (WordNet's, or those of --input) in order into texts of"
            + " --max-seq-length tokens, as passages are; WordNet's own are about a dozen tokens.")
    boolean lengthen;

    @Option(names = "--memory", description = "Also measure each engine's peak resident memory while embedding the"
            + " texts once at --batch-size, each in a fresh JVM.")
    boolean memory;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "32",
            description = "Sentences per forward pass (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2", description = "Intra-op threads for both"
            + " engines; inter-op threads are 1 (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--onnx-spinning", paramLabel = "auto|on|off", defaultValue = "auto",
            description = "Whether ONNX Runtime's idle threads spin: 'auto' (default) matches PyTorch's OpenMP threads,"
                    + " off under OMP_WAIT_POLICY=PASSIVE and on otherwise (libtorch's OpenMP default); 'on' is ONNX"
                    + " Runtime's own default, as langchain4j runs it.")
    String onnxSpinning;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "5",
            description = "Timed runs per contender; the best is reported, and the median (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmup-runs", paramLabel = "N", defaultValue = "1",
            description = "Untimed runs per contender first (default: ${DEFAULT-VALUE}).")
    int warmupRuns;

    /** One way of embedding the sentences, timed as a whole. */
    private record Contender(String name, Supplier<float[][]> run) {
    }

    /**
     * What the timed runs gave.
     *
     * @param seconds per contender, the time of each timed run
     * @param tokenizeSeconds the time of tokenising alone, once per round
     * @param lastEmbeddings per contender, the embeddings of its last run
     */
    private record Measurements(double[][] seconds, double[] tokenizeSeconds, float[][][] lastEmbeddings) {
    }

    @Override
    public Integer call() {
        validateOptions();
        boolean spinning = onnxRuntimeSpinning();
        // Read once, when the engine starts: PyTorch must not have started yet (it has not, outside tests).
        System.setProperty(PyTorchRuntime.INTRA_OP_THREADS, Integer.toString(threads));
        System.setProperty(PyTorchRuntime.INTER_OP_THREADS, "1");
        PrintWriter out = spec.commandLine().getOut();
        OptionalInt tokenLimit = maxSeqLength == null ? OptionalInt.empty() : OptionalInt.of(maxSeqLength);
        try (SentenceEncoder encoder = new EncoderLoader().load(EncoderLoader.MINILM, tokenLimit);
                OnnxRuntimeMiniLm onnxRuntime = new OnnxRuntimeMiniLm(threads, spinning);
                OnnxRuntimeMiniLm onnxRuntimeOneThread = new OnnxRuntimeMiniLm(1, spinning)) {
            List<String> texts = texts(encoder);
            String source = (input != null ? input.toString() : "the WordNet training split's anchors and positives")
                    + (lengthen ? ", joined into texts of " + encoder.settings().maxSeqLength() + " tokens" : "");
            printSetup(out, texts, source, encoder.tokenize(texts), pyTorchIntraOpThreads(), spinning);
            String onnxRuntimeName = "ONNX Runtime " + onnxRuntime.version();
            List<Contender> contenders = new ArrayList<>(List.of(
                    new Contender("contrastive4j (PyTorch " + PyTorchRuntime.engine().getVersion() + "), batch "
                            + batchSize, () -> encoder.encode(texts, batchSize)),
                    new Contender(onnxRuntimeName + ", batch " + batchSize,
                            () -> onnxRuntime.encode(encoder.tokenize(texts), batchSize)),
                    new Contender(onnxRuntimeName + ", batch 1", () -> onnxRuntime.encode(encoder.tokenize(texts), 1))));
            if (SingleThreadWorkers.available()) {
                // ONNX Runtime scheduled as our encoder schedules its passes: the same arrangement for both engines.
                contenders.add(new Contender(onnxRuntimeName + ", batch " + batchSize + ", small ones side by side",
                        () -> onnxRuntime.encodeSideBySide(encoder.tokenize(texts), batchSize, onnxRuntimeOneThread)));
            }
            Measurements measured = measure(contenders, () -> encoder.tokenize(texts));
            printResults(out, texts.size(), contenders, measured);
            if (memory) {
                printMemory(out, texts, encoder.tokenize(texts), encoder.settings().maxSeqLength(), spinning);
            }
        }
        out.flush();
        return 0;
    }

    private void printSetup(PrintWriter out, List<String> texts, String source, List<long[]> tokens, int torchThreads,
            boolean spinning) {
        out.printf(Locale.ROOT, "Encoding %,d sentences (%s) with all-MiniLM-L6-v2%n", texts.size(), source);
        out.printf(Locale.ROOT, "tokens per sentence: mean %.1f, max %d; at batch size %d, %.1f%% of the padded"
                + " positions are real tokens%n", tokens.stream().mapToInt(t -> t.length).average().orElse(0),
                tokens.stream().mapToInt(t -> t.length).max().orElse(0), batchSize,
                100 * realTokenShare(tokens, batchSize));
        String ompWaitPolicy = System.getenv(OMP_WAIT_POLICY);
        out.printf(Locale.ROOT, "threads: PyTorch %d intra-op, %d inter-op (OMP_WAIT_POLICY=%s); ONNX Runtime %d"
                + " intra-op, 1 inter-op, spinning %s%n", torchThreads, JniUtils.getNumInteropThreads(),
                ompWaitPolicy == null ? "unset" : ompWaitPolicy, threads, spinning ? "on" : "off");
        out.println("matrix products: " + MklDispatch.describe());
        out.println("attention: " + FusedAttention.describe());
        out.println("passes of up to " + SentenceEncoder.SIDE_BY_SIDE_MAX_TOKENS + " padded tokens: "
                + SingleThreadWorkers.describe());
        out.printf(Locale.ROOT, "timing: best of %d run%s after %d warm-up run%s each, runs interleaved;"
                + " tokenisation included%n", runs, runs == 1 ? "" : "s", warmupRuns, warmupRuns == 1 ? "" : "s");
        out.flush();
    }

    /** Warm-up rounds, then timed rounds; each round runs every contender once, then the tokenizer alone. */
    private Measurements measure(List<Contender> contenders, Runnable tokenize) {
        PrintWriter err = spec.commandLine().getErr();
        Measurements measured = new Measurements(new double[contenders.size()][runs], new double[runs],
                new float[contenders.size()][][]);
        for (int round = -warmupRuns; round < runs; round++) {
            err.printf(Locale.ROOT, "c4j: bench: %s%n", round < 0
                    ? "warm-up run " + (round + warmupRuns + 1) + " of " + warmupRuns
                    : "timed run " + (round + 1) + " of " + runs);
            err.flush();
            for (int c = 0; c < contenders.size(); c++) {
                long start = System.nanoTime();
                measured.lastEmbeddings()[c] = contenders.get(c).run().get();
                if (round >= 0) {
                    measured.seconds()[c][round] = (System.nanoTime() - start) / 1e9;
                }
            }
            long start = System.nanoTime();
            tokenize.run();
            if (round >= 0) {
                measured.tokenizeSeconds()[round] = (System.nanoTime() - start) / 1e9;
            }
        }
        return measured;
    }

    private void printResults(PrintWriter out, int sentenceCount, List<Contender> contenders, Measurements measured) {
        double[][] seconds = measured.seconds();
        int width = contenders.stream().mapToInt(c -> c.name().length()).max().orElse(0) + 1;
        for (int c = 0; c < contenders.size(); c++) {
            out.printf(Locale.ROOT, "%-" + width + "s %8.1f sentences/s  (median %.1f; runs: %s)%n",
                    contenders.get(c).name() + ":", sentenceCount / best(seconds[c]), sentenceCount / median(seconds[c]),
                    Arrays.stream(seconds[c]).mapToObj(s -> String.format(Locale.ROOT, "%.1f", sentenceCount / s))
                            .collect(Collectors.joining(", ")));
        }
        // Sentences per second of ours over ONNX Runtime's is ONNX Runtime's time over ours.
        out.printf(Locale.ROOT, "ratio contrastive4j / ONNX Runtime at batch %d: %.2f (best), %.2f (median)%n",
                batchSize, best(seconds[1]) / best(seconds[0]), median(seconds[1]) / median(seconds[0]));
        if (contenders.size() > 3) {
            out.printf(Locale.ROOT, "ratio contrastive4j / ONNX Runtime with small batches side by side: %.2f (best),"
                    + " %.2f (median)%n", best(seconds[3]) / best(seconds[0]), median(seconds[3]) / median(seconds[0]));
        }
        out.printf(Locale.ROOT, "tokenisation alone: %.1f sentences/s (best)%n",
                sentenceCount / best(measured.tokenizeSeconds()));
        out.printf(Locale.ROOT, "largest difference between the two engines' embeddings: %.1e%n",
                largestDifference(measured.lastEmbeddings()));
    }

    /** The texts to embed, as {@code --input}, {@code --sentences} and {@code --long} say. */
    private List<String> texts(SentenceEncoder encoder) {
        int count = sentences != null ? sentences : lengthen ? 500 : 2000;
        if (input == null) {
            return lengthen ? BenchSentences.lengthened(BundledData.wordnetTrain(), count, encoder)
                    : BenchSentences.evenlySpaced(BundledData.wordnetTrain(), count);
        }
        List<String> read = EncodeInput.read(input, EncodeInput.DEFAULT_FIELD).texts();
        if (!lengthen) {
            return read;
        }
        return LongTexts.join(read, count, encoder, () -> new ParameterException(spec.commandLine(), input + " holds "
                + read.size() + " texts, too few to make " + count + " texts of " + encoder.settings().maxSeqLength()
                + " tokens: ask for fewer with --sentences"));
    }

    /** Each engine's peak resident memory for one pass over the texts, each in a fresh JVM. */
    private void printMemory(PrintWriter out, List<String> texts, List<long[]> tokens, int tokenLimit, boolean spinning) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("c4j: bench: measuring memory, each engine in a fresh JVM");
        err.flush();
        Duration timeout = Duration.ofMinutes(30);
        EncodeMemoryProbe.Result ours = EncodeMemoryProbe.measure(EncodeMemoryProbe.Engine.CONTRASTIVE4J, texts,
                tokens, tokenLimit, batchSize, threads, spinning, timeout);
        EncodeMemoryProbe.Result theirs = EncodeMemoryProbe.measure(EncodeMemoryProbe.Engine.ONNX_RUNTIME, texts,
                tokens, tokenLimit, batchSize, threads, spinning, timeout);
        out.printf(Locale.ROOT, "peak resident memory, one pass at batch %d in a fresh JVM (model loaded / peak / peak"
                + " above loaded):%n", batchSize);
        for (var row : List.of(Map.entry("contrastive4j", ours), Map.entry("ONNX Runtime", theirs))) {
            EncodeMemoryProbe.Result r = row.getValue();
            out.printf(Locale.ROOT, "  %-14s %7.0f MB / %7.0f MB / %7.0f MB  (%.1f s)%n", row.getKey() + ":",
                    r.baselineBytes() / 1e6, r.peakBytes() / 1e6, r.peakAboveBaselineBytes() / 1e6, r.seconds());
        }
        out.printf(Locale.ROOT, "ratio contrastive4j / ONNX Runtime: %.2f (peak), %.2f (peak above loaded)%n",
                (double) ours.peakBytes() / theirs.peakBytes(),
                (double) ours.peakAboveBaselineBytes() / theirs.peakAboveBaselineBytes());
    }

    /** Whether ONNX Runtime's threads spin, as {@code --onnx-spinning} says. */
    private boolean onnxRuntimeSpinning() {
        return switch (onnxSpinning.toLowerCase(Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            case "auto" -> !"PASSIVE".equalsIgnoreCase(System.getenv(OMP_WAIT_POLICY));
            default -> throw new ParameterException(spec.commandLine(), "--onnx-spinning must be auto, on or off, found '"
                    + onnxSpinning + "'");
        };
    }

    private void validateOptions() {
        if (sentences != null) {
            requireAtLeast("--sentences", sentences, 1);
        }
        if (maxSeqLength != null) {
            requireAtLeast("--max-seq-length", maxSeqLength, 2);
        }
        requireAtLeast("--batch-size", batchSize, 1);
        requireAtLeast("--threads", threads, 1);
        requireAtLeast("--runs", runs, 1);
        requireAtLeast("--warmup-runs", warmupRuns, 0);
    }

    private void requireAtLeast(String option, int value, int minimum) {
        if (value < minimum) {
            throw new ParameterException(spec.commandLine(), option + " must be at least " + minimum + ", found " + value);
        }
    }

    /**
     * PyTorch's intra-op thread count, set to {@code --threads} if the engine had started before this command
     * (only in-process callers such as tests, as the property above is read at start-up).
     */
    private int pyTorchIntraOpThreads() {
        PyTorchRuntime.engine();
        if (JniUtils.getNumThreads() != threads) {
            JniUtils.setNumThreads(threads);
        }
        return JniUtils.getNumThreads();
    }

    /** Real tokens over padded positions, when batches are formed as {@code SentenceEncoder.encode} forms them. */
    static double realTokenShare(List<long[]> tokens, int batchSize) {
        int[] order = OnnxRuntimeMiniLm.longestFirst(tokens);
        long real = 0;
        long padded = 0;
        for (int start = 0; start < order.length; start += batchSize) {
            int end = Math.min(order.length, start + batchSize);
            padded += (long) (end - start) * tokens.get(order[start]).length;
            for (int i = start; i < end; i++) {
                real += tokens.get(order[i]).length;
            }
        }
        return padded == 0 ? 1 : (double) real / padded;
    }

    /** The shortest time: the run least disturbed by whatever else the machine was doing. */
    static double best(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** The largest difference of any contender's embeddings from ours (the first contender's). */
    private static double largestDifference(float[][][] embeddings) {
        double largest = 0;
        for (int other = 1; other < embeddings.length; other++) {
            for (int row = 0; row < embeddings[0].length; row++) {
                for (int d = 0; d < embeddings[0][row].length; d++) {
                    largest = Math.max(largest, Math.abs(embeddings[0][row][d] - embeddings[other][row][d]));
                }
            }
        }
        return largest;
    }
}
