package dev.contrastive4j.encoder;

import static dev.contrastive4j.encoder.ModelFolderFiles.CONFIG;
import static dev.contrastive4j.encoder.ModelFolderFiles.MODULES;
import static dev.contrastive4j.encoder.ModelFolderFiles.NORMALIZE_FOLDER;
import static dev.contrastive4j.encoder.ModelFolderFiles.NORMALIZE_MODULE;
import static dev.contrastive4j.encoder.ModelFolderFiles.PICKLED_WEIGHTS;
import static dev.contrastive4j.encoder.ModelFolderFiles.POOLING_FOLDER;
import static dev.contrastive4j.encoder.ModelFolderFiles.POOLING_MODULE;
import static dev.contrastive4j.encoder.ModelFolderFiles.SAFETENSORS;
import static dev.contrastive4j.encoder.ModelFolderFiles.SENTENCE_BERT_CONFIG;
import static dev.contrastive4j.encoder.ModelFolderFiles.SENTENCE_TRANSFORMERS_CONFIG;
import static dev.contrastive4j.encoder.ModelFolderFiles.TOKENIZER;
import static dev.contrastive4j.encoder.ModelFolderFiles.TOKENIZER_CONFIG;
import static dev.contrastive4j.encoder.ModelFolderFiles.TRANSFORMER_MODULE;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contrastive4j.encoder.io.BertWeightNames;
import dev.contrastive4j.encoder.io.BertWeights;
import dev.contrastive4j.encoder.io.FloatTensor;
import dev.contrastive4j.encoder.io.ModelFormatException;
import dev.contrastive4j.encoder.io.OnnxBertImporter;
import dev.contrastive4j.encoder.io.SafetensorsReader;
import dev.contrastive4j.spi.ContrastiveException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Loads a sentence-transformers or Hugging Face model folder.
 *
 * <p>With a {@code modules.json}, its modules say where the transformer, the pooling and the normalisation
 * are (only {@code Transformer}, {@code Pooling} and {@code Normalize} modules are supported). Without one, the
 * folder is a bare Hugging Face {@code BertModel}: mean pooling as sentence-transformers would add, and
 * pooling/normalisation from {@code 1_Pooling/} and {@code 2_Normalize/} where those exist.
 *
 * <p>The transformer's folder holds {@code config.json}, {@code tokenizer.json} and the weights: a
 * {@code model.safetensors}, or else an ONNX export ({@code *.onnx} in the folder or in its {@code onnx/}
 * subfolder). Pickled {@code pytorch_model.bin} weights are refused: unpickling can run arbitrary code.
 * {@code sentence_bert_config.json} gives {@code max_seq_length} and {@code do_lower_case}; without it the
 * length is {@code tokenizer_config.json}'s {@code model_max_length}, capped by the position table.
 */
final class SentenceTransformersReader {

    static final String CONVERT_PICKLE_HINT = "convert it once in Python: python -c \"import torch;"
            + " from safetensors.torch import save_file; d = torch.load('pytorch_model.bin', weights_only=True);"
            + " save_file({k: v.contiguous() for k, v in d.items()}, 'model.safetensors', metadata={'format': 'pt'})\""
            + " or re-save the model with save_pretrained(folder, safe_serialization=True)";

    private static final String WORD_EMBEDDINGS = "embeddings.word_embeddings.weight";

    private SentenceTransformersReader() {}

    static SentenceEncoder read(Path folder, UnaryOperator<EncoderSettings> adjust, Device device) {
        return read(folder, null, adjust, device);
    }

    /**
     * Loads the weights of an ONNX export, and the rest of the model from the folder that holds it (or from
     * that folder's parent when the file sits in an {@code onnx/} subfolder, as Hugging Face exports place it).
     */
    static SentenceEncoder readOnnxFile(Path onnxFile, UnaryOperator<EncoderSettings> adjust, Device device) {
        Path folder = onnxFile.toAbsolutePath().getParent();
        if (folder.getFileName() != null && folder.getFileName().toString().equals("onnx")
                && !Files.exists(folder.resolve(TOKENIZER)) && Files.exists(folder.getParent().resolve(TOKENIZER))) {
            folder = folder.getParent();
        }
        return read(folder, onnxFile, adjust, device);
    }

    private static SentenceEncoder read(Path folder, Path onnxFile, UnaryOperator<EncoderSettings> adjust,
            Device device) {
        if (!Files.isDirectory(folder)) {
            throw new ContrastiveException("model folder " + folder + ": expected a folder, found "
                    + (Files.exists(folder) ? "a file" : "nothing"));
        }
        Layout layout = layout(folder);
        Path transformer = layout.transformer();
        TransformerWeights weights = onnxFile != null ? readOnnx(onnxFile, transformer) : readWeights(transformer);
        BertConfig config = Files.exists(transformer.resolve(CONFIG))
                ? BertConfig.read(transformer.resolve(CONFIG))
                : weights.configFromWeights().orElseThrow(() -> new ContrastiveException("model folder "
                        + transformer + ": expected a config.json, found none"));
        checkWidthAgainstWeights(config, weights, configSource(transformer, weights));
        Path poolingFile = layout.pooling() == null ? null : layout.pooling().resolve(PoolingConfig.FILE_NAME);
        PoolingConfig pooling = poolingFile != null && Files.exists(poolingFile)
                ? PoolingConfig.read(poolingFile)
                : PoolingConfig.mean(config.hiddenSize());
        if (pooling.wordEmbeddingDimension() != config.hiddenSize()) {
            throw new ModelFormatException(poolingFile + ": word_embedding_dimension "
                    + pooling.wordEmbeddingDimension() + " differs from hidden_size " + config.hiddenSize() + " in "
                    + configSource(transformer, weights));
        }
        EncoderSettings settings = adjust.apply(settings(transformer, config, pooling, layout.normalize())
                .withPrompts(ModelPromptsFile.read(folder.resolve(SENTENCE_TRANSFORMERS_CONFIG))));
        return SentenceEncoder.create(config, settings, tokenizerJson(transformer),
                transformer.resolve(TOKENIZER).toString(), weights.tensors(), weights.source(), device);
    }

    /**
     * The most common disagreement between a {@code config.json} and its weights, found before anything else
     * is checked against the configuration: the width of the token embeddings. Other tensors' shapes are
     * checked, one by one, when the weights are loaded.
     */
    private static void checkWidthAgainstWeights(BertConfig config, TransformerWeights weights, String configSource) {
        FloatTensor embeddings = weights.tensors().get(WORD_EMBEDDINGS);
        if (embeddings != null && embeddings.shape().length == 2 && embeddings.shape()[1] != config.hiddenSize()) {
            throw new ModelFormatException(configSource + ": hidden_size " + config.hiddenSize()
                    + " disagrees with the weights in " + weights.source() + ": " + WORD_EMBEDDINGS + " has shape "
                    + Arrays.toString(embeddings.shape()));
        }
    }

    /** Names where the model's configuration came from, for errors. */
    private static String configSource(Path transformer, TransformerWeights weights) {
        return Files.exists(transformer.resolve(CONFIG)) ? transformer.resolve(CONFIG).toString() : weights.source();
    }

    /** Where the modules are. */
    private record Layout(Path transformer, Path pooling, boolean normalize) {}

    private static Layout layout(Path folder) {
        Path modulesFile = folder.resolve(MODULES);
        if (!Files.exists(modulesFile)) {
            Path pooling = folder.resolve(POOLING_FOLDER);
            return new Layout(folder, Files.isDirectory(pooling) ? pooling : null,
                    Files.isDirectory(folder.resolve(NORMALIZE_FOLDER)));
        }
        JsonNode modules = JsonFiles.readTree(modulesFile);
        if (!modules.isArray()) {
            throw new ModelFormatException(modulesFile + ": expected a JSON array of modules, found "
                    + modules.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        Path transformer = null;
        Path pooling = null;
        boolean normalize = false;
        for (JsonNode module : modules) {
            String type = module.path("type").asText("");
            Path path = modulePath(folder, modulesFile, module.path("path").asText(""));
            switch (type) {
                case TRANSFORMER_MODULE -> transformer = requireFolder(folder, modulesFile, type, path);
                case POOLING_MODULE -> pooling = requireFolder(folder, modulesFile, type, path);
                case NORMALIZE_MODULE -> normalize = true;
                default -> throw new ModelFormatException(modulesFile + ": module '" + type + "' (path '"
                        + module.path("path").asText("") + "') is not supported; supported modules are "
                        + String.join(", ", TRANSFORMER_MODULE, POOLING_MODULE, NORMALIZE_MODULE));
            }
        }
        if (transformer == null) {
            throw new ModelFormatException(modulesFile + ": expected a " + TRANSFORMER_MODULE + " module, found none");
        }
        return new Layout(transformer, pooling, normalize);
    }

    /**
     * A module folder named in {@code modules.json} must be there: a typo (such as {@code 1_pooling}) silently fell
     * back to another pooling and changed every embedding. (The Normalize module has no files, and Hugging Face
     * repositories cannot hold its empty folder, so it is not checked.)
     */
    private static Path requireFolder(Path folder, Path modulesFile, String type, Path path) {
        if (Files.isDirectory(path)) {
            return path;
        }
        String others;
        try (Stream<Path> entries = Files.list(folder)) {
            others = entries.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted()
                    .reduce((a, b) -> a + ", " + b).orElse("none");
        } catch (IOException e) {
            others = "unknown (" + e.getMessage() + ")";
        }
        throw new ModelFormatException(modulesFile + ": module " + type + " names the folder '"
                + folder.relativize(path) + "', which " + (Files.exists(path) ? "is not a folder" : "does not exist")
                + "; folders in " + folder + ": " + others);
    }

    /**
     * A module's folder inside the model folder. A path from a file's content never leads outside the folder
     * the user named: absolute paths and paths that climb out with {@code ..} are refused.
     */
    private static Path modulePath(Path folder, Path modulesFile, String path) {
        Path relative;
        try {
            relative = Path.of(path);
        } catch (InvalidPathException e) {
            throw new ModelFormatException(modulesFile + ": module path '" + path + "' is not a valid path: "
                    + e.getReason());
        }
        Path root = folder.toAbsolutePath().normalize();
        if (relative.isAbsolute() || relative.getRoot() != null
                || !root.resolve(relative).normalize().startsWith(root)) {
            throw new ModelFormatException(modulesFile + ": module path '" + path + "' leads outside the model"
                    + " folder; expected a folder inside it, such as '' or '" + POOLING_FOLDER + "'");
        }
        return folder.resolve(relative);
    }

    /** Weights in Hugging Face naming, with what the source alone says about the model's shape. */
    private record TransformerWeights(Map<String, FloatTensor> tensors, String source, BertWeights onnx) {

        Optional<BertConfig> configFromWeights() {
            return onnx == null ? Optional.empty() : Optional.of(OnnxConfigs.config(onnx));
        }
    }

    private static TransformerWeights readWeights(Path transformer) {
        Path safetensors = transformer.resolve(SAFETENSORS);
        if (Files.exists(safetensors)) {
            Map<String, FloatTensor> tensors = SafetensorsReader.readFloats(safetensors);
            return new TransformerWeights(BertWeightNames.normalize(tensors, safetensors.toString()),
                    safetensors.toString(), null);
        }
        Path onnxFile = findOnnx(transformer);
        if (onnxFile != null) {
            return readOnnx(onnxFile, transformer);
        }
        if (Files.exists(transformer.resolve(PICKLED_WEIGHTS))) {
            throw new ContrastiveException("model folder " + transformer + ": holds " + PICKLED_WEIGHTS
                    + " but no " + SAFETENSORS + "; pickled weights are refused because loading them can run"
                    + " arbitrary code; " + CONVERT_PICKLE_HINT);
        }
        throw new ContrastiveException("model folder " + transformer + ": expected " + SAFETENSORS
                + " or an .onnx file, found neither");
    }

    /** Imports an ONNX export; the head count comes from {@code config.json} where there is one, else from the graph. */
    private static TransformerWeights readOnnx(Path onnxFile, Path transformer) {
        Path config = transformer.resolve(CONFIG);
        BertWeights weights = Files.exists(config)
                ? OnnxBertImporter.importFile(onnxFile, BertConfig.read(config).numAttentionHeads())
                : OnnxBertImporter.importFile(onnxFile);
        return new TransformerWeights(weights.tensors(), onnxFile.toString(), weights);
    }

    /** The ONNX export in the folder or its {@code onnx/} subfolder; {@code model.onnx} wins among several. */
    static Path findOnnx(Path folder) {
        for (Path dir : List.of(folder, folder.resolve("onnx"))) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            List<Path> found;
            try (Stream<Path> files = Files.list(dir)) {
                found = files.filter(p -> p.getFileName().toString().endsWith(".onnx")).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dir, e);
            }
            if (found.size() == 1) {
                return found.get(0);
            }
            if (found.size() > 1) {
                Path preferred = dir.resolve("model.onnx");
                if (found.contains(preferred)) {
                    return preferred;
                }
                throw new ContrastiveException("model folder " + dir + ": expected one .onnx file, found "
                        + found.size() + " " + found.stream().map(p -> p.getFileName().toString()).toList()
                        + "; name the file instead of the folder");
            }
        }
        return null;
    }

    private static EncoderSettings settings(Path transformer, BertConfig config, PoolingConfig pooling,
            boolean normalize) {
        int maxSeqLength = defaultMaxSeqLength(transformer, config);
        boolean doLowerCase = false;
        Path file = transformer.resolve(SENTENCE_BERT_CONFIG);
        if (Files.exists(file)) {
            ObjectNode json = JsonFiles.readObject(file);
            maxSeqLength = JsonFiles.optionalInt(json, "max_seq_length", maxSeqLength, file.toString());
            doLowerCase = JsonFiles.optionalBoolean(json, "do_lower_case", false, file.toString());
        }
        try {
            return new EncoderSettings(pooling, normalize, maxSeqLength, doLowerCase);
        } catch (IllegalArgumentException e) {
            throw new ContrastiveException(file + ": " + e.getMessage(), e);
        }
    }

    private static int defaultMaxSeqLength(Path transformer, BertConfig config) {
        int limit = config.maxPositionEmbeddings();
        Path tokenizerConfig = transformer.resolve(TOKENIZER_CONFIG);
        if (Files.exists(tokenizerConfig)) {
            JsonNode length = JsonFiles.readObject(tokenizerConfig).path("model_max_length");
            // transformers writes a huge sentinel (1e30) when the tokenizer has no limit of its own.
            if (length.isIntegralNumber() && length.asLong() > 1 && length.asLong() < limit) {
                return length.asInt();
            }
        }
        return limit;
    }

    private static String tokenizerJson(Path transformer) {
        Path file = transformer.resolve(TOKENIZER);
        if (!Files.exists(file)) {
            throw new ContrastiveException("model folder " + transformer + ": expected a " + TOKENIZER
                    + " (Hugging Face fast tokenizer), found none; in Python, AutoTokenizer.from_pretrained(...)"
                    + ".save_pretrained(folder) writes one");
        }
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

}
