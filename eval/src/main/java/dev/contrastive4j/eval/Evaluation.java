package dev.contrastive4j.eval;

import dev.contrastive4j.data.BundledData;
import dev.contrastive4j.encoder.EncoderLoader;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.engine.ComputeDevice;
import dev.contrastive4j.evaluation.EvaluationResult;
import dev.contrastive4j.evaluation.TextEmbedder;
import dev.contrastive4j.prompts.ColumnPrompts;
import dev.contrastive4j.prompts.Prompts;
import dev.contrastive4j.spi.ContrastiveException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * Evaluates one model on one {@link EvaluationSuite}: the library's {@code c4j evaluate}.
 *
 * <pre>{@code
 * EvaluationReport report = Evaluation.builder()
 *         .model("runs/angle-triplet/final")
 *         .suite(EvaluationSuite.forFile(Path.of("test.jsonl"), ReadOptions.defaults()))
 *         .build()
 *         .run();
 * System.out.print(report.toTable());
 * }</pre>
 */
public final class Evaluation {

    private final String model;
    private final EvaluationSuite suite;
    private final int batchSize;
    private final OptionalInt maxSeqLength;
    private final OptionalInt truncateDim;
    private final Consumer<String> log;
    private final Prompts prompts;
    private final ComputeDevice device;

    private Evaluation(Builder builder) {
        this.model = builder.model;
        this.suite = builder.suite != null ? builder.suite
                : EvaluationSuite.forTestSplit(BundledData.wordnetTest(), BundledData.wordnetTestRetrieval());
        this.batchSize = builder.batchSize;
        this.maxSeqLength = builder.maxSeqLength;
        this.truncateDim = builder.truncateDim;
        this.log = builder.log;
        this.prompts = builder.prompts;
        this.device = builder.device;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Loads the model, embeds the suite's texts (each distinct text once) and computes its metrics.
     *
     * @throws ContrastiveException if the model cannot be loaded or is smaller than the truncation asks
     */
    public EvaluationReport run() {
        log.accept("loading model " + model + " ...");
        try (SentenceEncoder encoder = new EncoderLoader(device).load(model, maxSeqLength)) {
            log.accept("evaluating on " + String.join(", ", suite.sources()) + " ...");
            long start = System.nanoTime();
            if (truncateDim.isPresent() && truncateDim.getAsInt() > encoder.dimension()) {
                throw new ContrastiveException("--truncate-dim " + truncateDim.getAsInt() + " is larger than the"
                        + " model's embeddings (" + encoder.dimension() + ")");
            }
            // As sentence-transformers' encode: the prompts asked for, else the model's default prompt if it has one.
            ColumnPrompts columnPrompts = prompts.resolve(encoder.settings().prompts(), true, "--prompts");
            if (prompts.isEmpty() && !columnPrompts.isEmpty()) {
                log.accept("applying the model's default prompt '" + encoder.settings().prompts().defaultName().get()
                        + "' to every text");
            }
            TextEmbedder embedder = texts -> encoder.encode(texts, batchSize);
            List<EvaluationResult> results = suite.withPrompts(columnPrompts).evaluate(truncateDim.isEmpty() ? embedder
                    : embedder.truncatedTo(truncateDim.getAsInt()));
            double seconds = (System.nanoTime() - start) / 1e9;
            // The label says the size, so that a report (and its JSON) never passes for the full model's.
            String label = (truncateDim.isEmpty() ? model
                    : model + " (truncated to " + truncateDim.getAsInt() + " dimensions)")
                    + (prompts.isEmpty() ? "" : " (prompts " + prompts + ")");
            return new EvaluationReport(label, suite.sources(), Instant.now(), seconds, results);
        }
    }

    /** What an {@link Evaluation} needs; everything has a default. */
    public static final class Builder {

        private String model = EncoderLoader.MINILM;
        private EvaluationSuite suite;
        private int batchSize = 32;
        private OptionalInt maxSeqLength = OptionalInt.empty();
        private OptionalInt truncateDim = OptionalInt.empty();
        private Prompts prompts = Prompts.NONE;
        private Consumer<String> log = message -> { };
        private ComputeDevice device = ComputeDevice.CPU;

        private Builder() {
        }

        /** Where the model runs ({@code cpu}, {@code auto}, {@code cuda:N}); default {@link ComputeDevice#CPU}. */
        public Builder device(ComputeDevice value) {
            device = Objects.requireNonNull(value, "device");
            return this;
        }

        /** A bundled model name ({@code minilm}, {@code bge-small}) or a model folder; default {@code minilm}. */
        public Builder model(String value) {
            model = Objects.requireNonNull(value, "model");
            return this;
        }

        /** What to evaluate on; default: the bundled WordNet test split, as triplets and as a retrieval task. */
        public Builder suite(EvaluationSuite value) {
            suite = Objects.requireNonNull(value, "suite");
            return this;
        }

        /** Texts per forward pass; default 32. */
        public Builder batchSize(int value) {
            if (value < 1) {
                throw new ContrastiveException("--batch-size must be at least 1, found " + value);
            }
            batchSize = value;
            return this;
        }

        /** Tokens per text; default: the model's own limit. */
        public Builder maxSeqLength(int value) {
            maxSeqLength = EncoderLoader.tokenLimit(value);
            return this;
        }

        /**
         * Evaluate only the embeddings' first {@code value} dimensions, as sentence-transformers' {@code truncate_dim}
         * (Matryoshka models); the evaluators normalise where their similarity needs it.
         */
        public Builder truncateDim(int value) {
            if (value < 1) {
                throw new ContrastiveException("--truncate-dim must be at least 1, found " + value);
            }
            truncateDim = OptionalInt.of(value);
            return this;
        }

        /** One-line messages for the user (model loading, data); default: none. */
        public Builder log(Consumer<String> value) {
            log = Objects.requireNonNull(value, "log");
            return this;
        }

        /**
         * Prompts put in front of each column's texts (see {@link Prompts}): anchors and queries take the anchor's,
         * positives, negatives and corpus documents the positive's. Default: none, which applies the model's
         * default prompt to every text if it has one, as sentence-transformers does.
         */
        public Builder prompts(Prompts value) {
            prompts = Objects.requireNonNull(value, "prompts");
            return this;
        }

        public Evaluation build() {
            return new Evaluation(this);
        }
    }
}
