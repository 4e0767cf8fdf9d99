package dev.contrastive4j.encoding;

import dev.contrastive4j.encoder.EncoderLoader;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.engine.ComputeDevice;
import dev.contrastive4j.files.AtomicFile;
import dev.contrastive4j.files.OutputPaths;
import dev.contrastive4j.prompts.PromptRole;
import dev.contrastive4j.prompts.Prompts;
import dev.contrastive4j.spi.ContrastiveException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * Embeds the texts of a file and writes the embeddings to another: the library's {@code c4j encode}.
 *
 * <p>Input: plain text, one text per line (blank lines are kept as empty texts, so that output row i is line i+1),
 * or JSON Lines ({@code *.jsonl}, {@code *.jsonl.gz}) with the text under a field and the row's id under {@code id}
 * or {@code _id} (else its 0-based index); UTF-8, either may be gzipped. Output: {@code .jsonl} rows
 * {@code {"id": …, "embedding": […]}}, or {@code .npy}, a float32 (texts, dimension) matrix for {@code numpy.load};
 * written atomically, so a failed run leaves any earlier file as it was.
 *
 * <pre>{@code
 * EncodingResult result = Encoding.builder().model("runs/x/final")
 *         .input(Path.of("corpus.jsonl.gz")).output(Path.of("corpus.npy")).build().run();
 * }</pre>
 */
public final class Encoding {

    /** Texts embedded between two progress reports (and two writes). */
    public static final int CHUNK_TEXTS = 1024;

    private final String model;
    private final Path input;
    private final String field;
    private final Path output;
    private final int batchSize;
    private final boolean normalize;
    private final OptionalInt maxSeqLength;
    private final Progress progress;
    private final Consumer<String> log;
    private final Prompts prompts;
    private final ComputeDevice device;

    /** Told how many texts are embedded so far, after each chunk of {@value #CHUNK_TEXTS}. */
    @FunctionalInterface
    public interface Progress {
        void embedded(int done, int total);
    }

    private Encoding(Builder builder) {
        this.model = builder.model;
        this.input = Objects.requireNonNull(builder.input, "input");
        this.field = builder.field;
        this.output = Objects.requireNonNull(builder.output, "output");
        this.batchSize = builder.batchSize;
        this.normalize = builder.normalize;
        this.maxSeqLength = builder.maxSeqLength;
        this.progress = builder.progress;
        this.log = builder.log;
        this.prompts = builder.prompts;
        this.device = builder.device;
        PromptedEncoder.requireSingle(prompts);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the texts, loads the model, embeds and writes.
     *
     * @throws ContrastiveException for a bad input file (naming its line), an unusable output path or model
     */
    public EncodingResult run() {
        checkPaths();
        EmbeddingWriter.Format format = EmbeddingWriter.Format.of(output);
        EncodeInput texts = EncodeInput.read(input, field == null ? EncodeInput.DEFAULT_FIELD : field);
        if (texts.blankLines() > 0) {
            log.accept(String.format(java.util.Locale.ROOT, "note: %s: %,d blank line%s embedded as empty text%s,"
                    + " so that row i is line i+1", input, texts.blankLines(), plural(texts.blankLines()),
                    plural(texts.blankLines())));
        }
        long loadStart = System.nanoTime();
        try (SentenceEncoder encoder = new EncoderLoader(device).load(model, maxSeqLength)) {
            double loadSeconds = seconds(System.nanoTime() - loadStart);
            PromptedEncoder prompted = new PromptedEncoder(encoder, prompts, PromptRole.ANCHOR, normalize, batchSize);
            long start = System.nanoTime();
            try {
                AtomicFile.write(output, stream -> encodeAll(prompted, texts, format, stream));
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
            return new EncodingResult(output, texts.texts().size(), encoder.dimension(),
                    seconds(System.nanoTime() - start), loadSeconds);
        }
    }

    private void checkPaths() {
        if (field != null && !EncodeInput.isJsonl(input)) {
            throw new ContrastiveException("--field applies to JSONL input (a name ending in .jsonl or .jsonl.gz),"
                    + " found " + input.getFileName());
        }
        if (Files.isDirectory(output)) {
            throw new ContrastiveException("output " + output + ": expected a file name, found a folder");
        }
        // Before reading the input and loading the model, not after: the embeddings must have somewhere to go.
        OutputPaths.checkNotInput(output, "--output", input, "--input");
        OutputPaths.checkCreatable(output, "--output");
    }

    private void encodeAll(PromptedEncoder encoder, EncodeInput texts, EmbeddingWriter.Format format,
            OutputStream stream) throws IOException {
        int n = texts.texts().size();
        try (EmbeddingWriter writer = format.open(stream, n, encoder.dimension())) {
            for (int start = 0; start < n; start += CHUNK_TEXTS) {
                int end = Math.min(n, start + CHUNK_TEXTS);
                float[][] embeddings = encoder.encode(texts.texts().subList(start, end));
                for (int i = 0; i < embeddings.length; i++) {
                    writer.write(texts.ids().get(start + i), embeddings[i]);
                }
                progress.embedded(end, n);
            }
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static String plural(long count) {
        return count == 1 ? "" : "s";
    }

    /** What an {@link Encoding} needs; only the input and output files have no default. */
    public static final class Builder {

        private String model = EncoderLoader.MINILM;
        private Path input;
        private String field;
        private Path output;
        private int batchSize = 32;
        private boolean normalize;
        private OptionalInt maxSeqLength = OptionalInt.empty();
        private Progress progress = (done, total) -> { };
        private Consumer<String> log = message -> { };
        private Prompts prompts = Prompts.NONE;
        private ComputeDevice device = ComputeDevice.CPU;

        private Builder() {
        }

        /** Where the model runs ({@code cpu}, {@code auto}, {@code cuda:N}); default {@link ComputeDevice#CPU}. */
        public Builder device(ComputeDevice value) {
            device = Objects.requireNonNull(value, "device");
            return this;
        }

        /** A bundled model name ({@code minilm}, {@code bge-small}), a model folder or an {@code .onnx} file. */
        public Builder model(String value) {
            model = Objects.requireNonNull(value, "model");
            return this;
        }

        /** The texts: {@code .txt} (one per line) or {@code .jsonl}, optionally gzipped. */
        public Builder input(Path value) {
            input = value;
            return this;
        }

        /** The JSONL field that holds the text; default {@value EncodeInput#DEFAULT_FIELD}. */
        public Builder field(String value) {
            field = value;
            return this;
        }

        /** A {@code .jsonl} or {@code .npy} file; replaced only once complete. */
        public Builder output(Path value) {
            output = value;
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

        /** Scale every embedding to unit length, also when the model does not normalise. */
        public Builder normalize(boolean value) {
            normalize = value;
            return this;
        }

        /** Truncate texts to this many tokens instead of the model's own limit. */
        public Builder maxSeqLength(int value) {
            maxSeqLength = EncoderLoader.tokenLimit(value);
            return this;
        }

        public Builder progress(Progress value) {
            progress = Objects.requireNonNull(value, "progress");
            return this;
        }

        /** One-line notes for the user (blank lines embedded as empty texts); default: none. */
        public Builder log(Consumer<String> value) {
            log = Objects.requireNonNull(value, "log");
            return this;
        }

        /**
         * One prompt put in front of every text (see {@link Prompts#forAll}); default: none, which applies the
         * model's default prompt if it has one.
         *
         * @throws ContrastiveException from {@link #build()} if the prompts are given per column
         */
        public Builder prompts(Prompts value) {
            prompts = Objects.requireNonNull(value, "prompts");
            return this;
        }

        public Encoding build() {
            return new Encoding(this);
        }
    }
}
