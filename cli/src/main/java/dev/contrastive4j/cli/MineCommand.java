package dev.contrastive4j.cli;

import dev.contrastive4j.data.ReadOptions;
import dev.contrastive4j.encoder.EncoderLoader;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.evaluation.TextEmbedder;
import dev.contrastive4j.mining.HardNegativeMiner;
import dev.contrastive4j.mining.MiningData;
import dev.contrastive4j.mining.MiningListener;
import dev.contrastive4j.mining.MiningOptions;
import dev.contrastive4j.mining.MiningOutputFormat;
import dev.contrastive4j.mining.MiningResult;
import dev.contrastive4j.mining.SamplingStrategy;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code c4j mine}: hard negatives for (anchor, positive) rows, written as triplets (n-tuples) or labelled pairs.
 * The options map onto {@link MiningOptions}; {@link HardNegativeMiner} does the work (see docs/mining.md).
 */
@Command(name = "mine", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Mine hard negatives for (anchor, positive) pairs, e.g.:",
            "  c4j mine --input pairs.jsonl --output mined.jsonl \\",
            "           --num-negatives 3 --relative-margin 0.05",
            "",
            "Each anchor's closest documents (exact cosine search over the input's",
            "positives and --corpus) become its negatives, within the rank window,",
            "margins and score bounds (sentence-transformers' rules); its positives,",
            "their duplicates and the anchor itself never do. See docs/mining.md.",
            ""})
final class MineCommand implements Callable<Integer> {

    /** At most one progress line per this many nanoseconds (and one at the end of each phase). */
    private static final long PROGRESS_INTERVAL_NANOS = 5_000_000_000L;

    @ParentCommand
    C4j root;

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "Pairs or triplets (JSONL, CSV or TSV, optionally .gz); their anchor and positive are used.")
    Path input;

    @Option(names = "--corpus", paramLabel = "FILE", description = "Candidate documents besides the input's"
            + " positives: every non-anchor text of a data file. Default: the positives alone.")
    Path corpus;

    @Option(names = "--mapping", paramLabel = "SPEC", description = "Column mapping of --input, e.g."
            + " anchor=question,positive=answer.")
    String mapping;

    @Option(names = "--output", required = true, paramLabel = "FILE",
            description = "Where to write (JSONL, CSV or TSV by its name, .gz compresses); written only when complete.")
    Path output;

    @Option(names = "--output-format", paramLabel = "F", defaultValue = "triplets",
            description = "triplets (anchor, positive, negative or negative_1..k) or pairs (sentence1, sentence2,"
                    + " score: 1 for each positive, 0 for each negative). Default: ${DEFAULT-VALUE}.")
    String outputFormat;

    @Option(names = "--num-negatives", paramLabel = "K", defaultValue = "1",
            description = "Negatives per anchor. Default: ${DEFAULT-VALUE}.")
    int numNegatives;

    @Option(names = "--range-min", paramLabel = "N", defaultValue = "0",
            description = "Drop the N best candidates that pass the rules (likely false negatives). Default: 0.")
    int rangeMin;

    @Option(names = "--range-max", paramLabel = "N", description = "Consider only the N best candidates (the"
            + " anchor, its positives and their duplicates not counted). Default: range-min + K, or range-min + 10·K"
            + " with a margin or score bound.")
    Integer rangeMax;

    @Option(names = "--max-score", paramLabel = "S", description = "Drop candidates whose cosine is above S.")
    Double maxScore;

    @Option(names = "--min-score", paramLabel = "S", description = "Drop candidates whose cosine is below S.")
    Double minScore;

    @Option(names = "--margin", paramLabel = "M", description = "Absolute margin: keep a negative only if its"
            + " score <= positive score - M.")
    Double margin;

    @Option(names = "--relative-margin", paramLabel = "R", description = "Relative margin: keep a negative only if"
            + " its score <= positive score - |positive score| * R (positive * (1 - R) for a positive score >= 0).")
    Double relativeMargin;

    @Option(names = "--sampling", paramLabel = "S", defaultValue = "top",
            description = "top (the hardest candidates left) or random (a uniform sample of them). Default: ${DEFAULT-VALUE}.")
    String sampling;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of --sampling random. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "32",
            description = "Texts per forward pass. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        MiningOptions options = options();
        if (Files.isDirectory(output)) {
            throw usage("--output " + output + " is a folder; name a file");
        }
        // Read and check the data before the model: a bad row should not wait for a model to load.
        ReadOptions readOptions = mapping == null ? ReadOptions.defaults() : ReadOptions.defaults().withMapping(mapping);
        MiningData data = MiningData.read(input, corpus, readOptions);
        HardNegativeMiner miner = new HardNegativeMiner(options);
        miner.check(data);
        err.println("c4j: loading model " + modelOptions.model() + " ...");
        MiningResult result;
        try (SentenceEncoder encoder = new EncoderLoader(modelOptions.device()).load(modelOptions.model(),
                modelOptions.maxSeqLength())) {
            TextEmbedder embedder = texts -> encoder.encode(texts, batchSize);
            result = miner.mine(data, embedder, modelOptions.columnPrompts(encoder), output, progress(err));
        }
        out.print(result.toText());
        out.flush();
        return 0;
    }

    private MiningOptions options() {
        if (batchSize < 1) {
            throw usage("--batch-size must be at least 1, found " + batchSize);
        }
        try {
            return MiningOptions.builder().numNegatives(numNegatives).rangeMin(rangeMin).rangeMax(rangeMax)
                    .maxScore(maxScore).minScore(minScore).absoluteMargin(margin).relativeMargin(relativeMargin)
                    .sampling(parse(SamplingStrategy.values(), sampling, "--sampling", SamplingStrategy::cliName))
                    .seed(seed)
                    .outputFormat(parse(MiningOutputFormat.values(), outputFormat, "--output-format",
                            MiningOutputFormat::cliName))
                    .build();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private <E> E parse(E[] values, String given, String option, java.util.function.Function<E, String> name) {
        for (E value : values) {
            if (name.apply(value).equals(given.toLowerCase(Locale.ROOT))) {
                return value;
            }
        }
        throw new IllegalArgumentException(option + " must be one of " + String.join(", ",
                Arrays.stream(values).map(name).toList()) + ", found '" + given + "'");
    }

    /** Progress lines on standard error, at most one per few seconds, and one when each phase ends. */
    private static MiningListener progress(PrintWriter err) {
        return new MiningListener() {
            private long last = System.nanoTime();

            @Override
            public void corpusEmbedded(int done, int total) {
                report("embedded %,d of %,d corpus documents", done, total);
            }

            @Override
            public void anchorsMined(int done, int total) {
                report("mined negatives for %,d of %,d anchors", done, total);
            }

            private void report(String format, int done, int total) {
                long now = System.nanoTime();
                if (done == total || now - last >= PROGRESS_INTERVAL_NANOS) {
                    last = now;
                    err.println("c4j: " + String.format(Locale.ROOT, format, done, total));
                    err.flush();
                }
            }
        };
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
