package dev.contrastive4j.cli;

import dev.contrastive4j.encoder.EncoderLoader;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.engine.PyTorchRuntime;
import dev.contrastive4j.files.AtomicFile;
import dev.contrastive4j.files.OutputPaths;
import dev.contrastive4j.spi.ContrastiveException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code c4j encode}: embeds every text of a file with a sentence encoder and writes the embeddings as JSON
 * Lines or a NumPy matrix, in input order.
 *
 * <p>The texts are embedded in chunks of {@value #CHUNK_TEXTS}, each sorted by token length into batches (see
 * {@link SentenceEncoder#encode}), so that a progress bar can move and each chunk's rows can be written out
 * at once. The whole input is read first: a bad input fails before anything is written, and leaves no
 * output file. The output appears only when complete (see {@link AtomicFile}).
 */
@Command(name = "encode", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Embed the texts of a file and write the embeddings, e.g.:",
            "  c4j encode --input texts.txt --output embeddings.npy",
            "  c4j encode --model runs/x/final --input corpus.jsonl.gz --output corpus.jsonl",
            "",
            "Input: plain text, one text per line (blank lines are kept as empty texts, so that output row i is"
                    + " line i+1), or JSON Lines (*.jsonl, *.jsonl.gz) with the text under --field and the row's id"
                    + " under \"id\" or \"_id\" (else its 0-based index); UTF-8, either may be gzipped.",
            "Output: .jsonl rows {\"id\": …, \"embedding\": […]} (plain text: id = 0-based line index), or .npy: a"
                    + " float32 (texts, dimension) matrix for numpy.load.",
            ""})
final class EncodeCommand implements Callable<Integer> {

    /** Texts embedded between two progress updates (and two writes). */
    static final int CHUNK_TEXTS = 1024;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "NAME|PATH", defaultValue = EncoderLoader.MINILM,
            description = "'minilm' (the bundled all-MiniLM-L6-v2), a sentence-transformers model folder or an"
                    + " .onnx file (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "The texts: .txt (one per line) or"
            + " .jsonl, optionally gzipped.")
    Path input;

    @Option(names = "--field", paramLabel = "NAME", description = "The JSONL field with the text (default: "
            + EncodeInput.DEFAULT_FIELD + ").")
    String field;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "Where to write: a .jsonl or .npy"
            + " file; replaced only once complete.")
    Path output;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "32",
            description = "Texts per forward pass (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--normalize", description = "Scale every embedding to unit length, also when the model does"
            + " not normalise.")
    boolean normalize;

    @Option(names = "--max-seq-length", paramLabel = "TOKENS", description = "Truncate texts to this many tokens"
            + " instead of the model's own limit (at most its max_position_embeddings).")
    Integer maxSeqLength;

    @Option(names = "--no-progress", description = "Do not show the progress bar (shown for more than "
            + CHUNK_TEXTS + " texts).")
    boolean noProgress;

    @Override
    public Integer call() throws IOException {
        validateOptions();
        EmbeddingWriter.Format format = EmbeddingWriter.Format.of(output);
        EncodeInput texts = EncodeInput.read(input, field == null ? EncodeInput.DEFAULT_FIELD : field);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (texts.blankLines() > 0) {
            err.printf(Locale.ROOT, "c4j: note: %s: %,d blank line%s embedded as empty text%s, so that row i is line"
                    + " i+1%n", input, texts.blankLines(), plural(texts.blankLines()), plural(texts.blankLines()));
            err.flush();
        }
        long loadStart = System.nanoTime();
        try (SentenceEncoder encoder = new EncoderLoader().load(model,
                maxSeqLength == null ? OptionalInt.empty() : OptionalInt.of(maxSeqLength))) {
            double loadSeconds = seconds(System.nanoTime() - loadStart);
            boolean rescale = normalize && !encoder.settings().normalize(); // normalised models already are
            long start = System.nanoTime();
            AtomicFile.write(output, stream -> encodeAll(encoder, texts, rescale, format, stream));
            double encodeSeconds = seconds(System.nanoTime() - start);
            int n = texts.texts().size();
            out.printf(Locale.ROOT, "Encoded %,d text%s into %d-dimensional embeddings in %.2f s (%.1f sentences/s;"
                    + " model loaded in %.1f s): %s%n", n, plural(n), encoder.dimension(), encodeSeconds,
                    n / encodeSeconds, loadSeconds, output);
        }
        out.flush();
        return 0;
    }

    private void validateOptions() {
        if (batchSize < 1) {
            throw new ParameterException(spec.commandLine(), "--batch-size must be at least 1, found " + batchSize);
        }
        if (maxSeqLength != null && maxSeqLength < 2) {
            throw new ParameterException(spec.commandLine(), "--max-seq-length must be at least 2 ([CLS] and [SEP]),"
                    + " found " + maxSeqLength);
        }
        if (field != null && !EncodeInput.isJsonl(input)) {
            throw new ParameterException(spec.commandLine(), "--field applies to JSONL input (a name ending in"
                    + " .jsonl or .jsonl.gz), found " + input.getFileName());
        }
        if (Files.isDirectory(output)) {
            throw new ContrastiveException("output " + output + ": expected a file name, found a folder");
        }
        // Before reading the input and loading the model, not after: the embeddings must have somewhere to go.
        OutputPaths.checkNotInput(output, "--output", input, "--input");
        OutputPaths.checkCreatable(output, "--output");
    }

    private void encodeAll(SentenceEncoder encoder, EncodeInput texts, boolean rescale, EmbeddingWriter.Format format,
            OutputStream stream) throws IOException {
        int n = texts.texts().size();
        try (EmbeddingWriter writer = format.open(stream, n, encoder.dimension());
                ProgressBar bar = progressBar(n)) {
            for (int start = 0; start < n; start += CHUNK_TEXTS) {
                int end = Math.min(n, start + CHUNK_TEXTS);
                List<String> chunk = texts.texts().subList(start, end);
                float[][] embeddings = encoder.encode(chunk, batchSize);
                for (int i = 0; i < embeddings.length; i++) {
                    if (rescale) {
                        PyTorchRuntime.scaleToUnitLength(embeddings[i]);
                    }
                    writer.write(texts.ids().get(start + i), embeddings[i]);
                }
                if (bar != null) {
                    bar.stepTo(end);
                }
            }
        }
    }

    /** A bar on standard error, only where there is more than one chunk to show; {@code null} otherwise. */
    private ProgressBar progressBar(int texts) {
        if (noProgress || texts <= CHUNK_TEXTS) {
            return null;
        }
        return new ProgressBarBuilder()
                .setTaskName("encode")
                .setInitialMax(texts)
                .setUnit(" texts", 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(1000)
                .showSpeed()
                .build();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static String plural(long count) {
        return count == 1 ? "" : "s";
    }
}
