package dev.contrastive4j.cli;

import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.encoding.EncodeInput;
import dev.contrastive4j.encoding.Encoding;
import dev.contrastive4j.encoding.EncodingResult;
import dev.contrastive4j.files.AtomicFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions modelOptions;

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

    @Option(names = "--no-progress", description = "Do not show the progress bar (shown for more than "
            + Encoding.CHUNK_TEXTS + " texts).")
    boolean noProgress;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Encoding.Builder encoding = Encoding.builder().model(modelOptions.model()).input(input).field(field)
                .output(output)
                .batchSize(batchSize).normalize(normalize).prompts(modelOptions.prompts()).device(modelOptions.device())
                .log(message -> {
                    err.println("c4j: " + message);
                    err.flush();
                });
        if (modelOptions.maxSeqLength != null) {
            encoding.maxSeqLength(modelOptions.maxSeqLength);
        }
        ProgressBar[] bar = new ProgressBar[1];
        if (!noProgress) {
            // A bar only where there is more than one chunk to show.
            encoding.progress((done, total) -> {
                if (total > Encoding.CHUNK_TEXTS) {
                    if (bar[0] == null) {
                        bar[0] = progressBar(total);
                    }
                    bar[0].stepTo(done);
                }
            });
        }
        EncodingResult result;
        try {
            result = encoding.build().run();
        } finally {
            if (bar[0] != null) {
                bar[0].close();
            }
        }
        int n = result.texts();
        out.printf(Locale.ROOT, "Encoded %,d text%s into %d-dimensional embeddings in %.2f s (%.1f sentences/s;"
                + " model loaded in %.1f s): %s%n", n, n == 1 ? "" : "s", result.dimension(), result.encodeSeconds(),
                n / result.encodeSeconds(), result.loadSeconds(), result.output());
        out.flush();
        return 0;
    }

    private static ProgressBar progressBar(int texts) {
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
}
