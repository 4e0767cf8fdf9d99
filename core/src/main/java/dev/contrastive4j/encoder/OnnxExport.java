package dev.contrastive4j.encoder;

import dev.contrastive4j.encoder.io.BertOnnxWriter;
import dev.contrastive4j.encoder.io.BertOnnxWriter.PoolingMode;
import dev.contrastive4j.encoder.io.BertWeights;
import dev.contrastive4j.files.TemporaryPaths;
import dev.contrastive4j.spi.ContrastiveException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Exports a sentence encoder as a folder that ONNX Runtime and LangChain4j's {@code OnnxEmbeddingModel} load:
 * <pre>
 * model.onnx        BERT with the trained weights (see {@link BertOnnxWriter}): inputs input_ids, attention_mask,
 *                   token_type_ids; outputs last_hidden_state and sentence_embedding (pooled, normalised)
 * tokenizer.json    the model's tokenizer, truncating at its max_seq_length, no padding, lower-casing when the
 *                   model lower-cases texts ({@code do_lower_case}), so that it alone tokenises as the encoder does
 * config.json, sentence_bert_config.json, modules.json, tokenizer_config.json, special_tokens_map.json,
 * vocab.txt, 1_Pooling/config.json, 2_Normalize/   the model's description, as a saved model folder has it
 * </pre>
 * With the description beside it, the folder is also a model that {@link EncoderLoader} reads back.
 *
 * <pre>{@code
 * OnnxExportResult result = OnnxExport.builder().model("minilm").output(Path.of("minilm-onnx")).build().run();
 * }</pre>
 *
 * <p>The folder is written under a hidden temporary name beside the output and renamed into place once
 * complete, so an interrupted export leaves nothing under the output's name. The output must not exist, or be
 * an empty folder.
 */
public final class OnnxExport {

    /** The ONNX file's name in the folder. */
    public static final String MODEL_FILE = "model.onnx";
    /** {@code .<name>.exporting-*}: the folder being written. */
    private static final String STAGING_INFIX = ".exporting-";

    private final String model;
    private final SentenceEncoder encoder;
    private final Path output;

    private OnnxExport(Builder builder) {
        this.model = builder.model;
        this.encoder = builder.encoder;
        this.output = Objects.requireNonNull(builder.output, "output");
        if ((model == null) == (encoder == null)) {
            throw new IllegalArgumentException("give exactly one of model(name or path) and encoder(encoder)");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Writes the folder.
     *
     * @throws ContrastiveException if the output exists and is not an empty folder, or the model is not found
     *     or cannot be read
     * @throws UncheckedIOException if a file cannot be written
     */
    public OnnxExportResult run() {
        Path destination = output.toAbsolutePath().normalize();
        checkOutput(destination); // before loading a model: the export must have somewhere to go
        if (encoder != null) {
            return export(encoder, destination);
        }
        try (SentenceEncoder loaded = new EncoderLoader().load(model)) {
            return export(loaded, destination);
        }
    }

    private static OnnxExportResult export(SentenceEncoder encoder, Path destination) {
        BertConfig config = encoder.bertConfig();
        EncoderSettings settings = encoder.settings();
        BertWeights weights = BertWeights.fromHuggingFace(encoder.exportWeights(), config.numAttentionHeads(),
                "the encoder's weights");
        BertOnnxWriter writer = BertOnnxWriter.builder()
                .weights(weights)
                .layerNormEps(config.layerNormEps())
                .pooling(poolingModes(settings.pooling()))
                .normalize(settings.normalize())
                .producerVersion(Objects.requireNonNullElse(OnnxExport.class.getPackage().getImplementationVersion(),
                        "development"))
                .build();
        Path parent = destination.getParent();
        try {
            Files.createDirectories(parent);
            List<String> files = TemporaryPaths.writeBeforeExit(() -> {
                Path staging = TemporaryPaths.createFolder(parent, "." + destination.getFileName() + STAGING_INFIX);
                try {
                    SentenceTransformersWriter.writeDescription(encoder, staging);
                    // LangChain4j and ONNX Runtime users read tokenizer.json alone, without sentence_bert_config.json
                    JsonFiles.write(staging.resolve(ModelFolderFiles.TOKENIZER),
                            encoder.tokenizer().jsonForStandaloneUse());
                    writer.write(staging.resolve(MODEL_FILE));
                    List<String> written = listFiles(staging);
                    checkOutput(destination); // again: something may have appeared while the model was written
                    if (Files.isDirectory(destination)) {
                        Files.delete(destination); // empty, as just checked; the rename needs the name free
                    }
                    move(staging, destination);
                    return written;
                } catch (IOException | RuntimeException e) {
                    TemporaryPaths.deleteRecursively(staging);
                    throw e;
                }
            });
            return new OnnxExportResult(destination, files, BertOnnxWriter.OPSET, config.numHiddenLayers(),
                    config.hiddenSize(), writer.sentenceDimension(),
                    poolingModes(settings.pooling()).stream().map(Enum::name).toList(), settings.normalize());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot export the model to " + destination, e);
        }
    }

    /** The graph's pooling modes for a sentence-transformers pooling config. */
    static List<PoolingMode> poolingModes(PoolingConfig pooling) {
        List<PoolingMode> modes = new ArrayList<>();
        if (pooling.clsToken()) {
            modes.add(PoolingMode.CLS);
        }
        if (pooling.maxTokens()) {
            modes.add(PoolingMode.MAX);
        }
        if (pooling.meanTokens()) {
            modes.add(PoolingMode.MEAN);
        }
        if (pooling.meanSqrtLenTokens()) {
            modes.add(PoolingMode.MEAN_SQRT_LEN);
        }
        return modes;
    }

    private static void checkOutput(Path destination) {
        if (!Files.exists(destination)) {
            return;
        }
        if (!Files.isDirectory(destination)) {
            throw new ContrastiveException("output " + destination + ": expected a new or empty folder, found a file");
        }
        try (Stream<Path> entries = Files.list(destination)) {
            if (entries.findAny().isPresent()) {
                throw new ContrastiveException("output " + destination
                        + ": the folder exists and is not empty; choose a new or empty folder");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the output folder " + destination, e);
        }
    }

    private static List<String> listFiles(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.filter(Files::isRegularFile)
                    .map(p -> folder.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Builds an {@link OnnxExport}: one model (by name or path, or an encoder already loaded) and an output. */
    public static final class Builder {
        private String model;
        private SentenceEncoder encoder;
        private Path output;

        private Builder() {}

        /**
         * The model to export: a bundled name ({@value EncoderLoader#MINILM}, {@value EncoderLoader#BGE_SMALL}) or
         * the path of a model folder or {@code .onnx} file, loaded by {@link EncoderLoader} and closed afterwards.
         */
        public Builder model(String nameOrPath) {
            this.model = Objects.requireNonNull(nameOrPath, "model");
            return this;
        }

        /** An encoder already loaded (e.g. just trained); the export does not close it. */
        public Builder encoder(SentenceEncoder encoder) {
            this.encoder = Objects.requireNonNull(encoder, "encoder");
            return this;
        }

        /** The folder to create (a new name, or an empty folder). */
        public Builder output(Path output) {
            this.output = Objects.requireNonNull(output, "output");
            return this;
        }

        public OnnxExport build() {
            return new OnnxExport(this);
        }
    }
}
