package dev.contrastive4j.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.contrastive4j.encoder.io.BundledBgeSmall;
import dev.contrastive4j.prompts.ColumnPrompts;
import dev.contrastive4j.prompts.ModelPrompts;
import dev.contrastive4j.prompts.PromptRole;
import dev.contrastive4j.prompts.Prompts;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bundled bge-small-en-v1.5, imported from the ONNX file langchain4j ships, against the same file run by
 * ONNX Runtime: same token ids in, CLS-pooled and normalised {@code last_hidden_state} out.
 */
class BgeSmallParityTest {

    private static final List<String> SENTENCES = List.of(
            "a",
            "Hello world",
            "Represent this sentence for searching relevant passages: how do planes fly?",
            "The cat sits outside.",
            "A man is playing guitar.",
            "Do you like pizza?",
            "The quick brown fox jumps over the lazy dog while the farmer watches from the porch.",
            "Guided in-sample selection drops in-batch negatives that a guide model calls too similar.",
            "Contrastive learning pulls an anchor towards its positive and pushes it away from negatives.",
            "Héllo wörld, ça va? Ünïcödé and accents déjà vu.",
            "東京は日本の首都です。",
            "Москва — столица России.",
            "Emoji 🎉🚀 and symbols ™ © ≠ ∞",
            "   leading and trailing spaces   ",
            "UPPER CASE SHOUTING TEXT",
            "MiXeD CaSe WoRdS In A sEnTeNcE",
            "numbers 3.14159 and 42 and 1,000,000",
            "e-mail: someone@example.com, url: https://example.org/path?q=1",
            "tab\tseparated\tand\nnew lines",
            "antidisestablishmentarianism pneumonoultramicroscopicsilicovolcanoconiosis",
            "The committee postponed the vote. ".repeat(30), // about 210 tokens: over MiniLM's limit, not bge's
            "word ".repeat(600), // over 512 tokens: truncated
            "");

    private static SentenceEncoder bge;
    private static OrtEnvironment ort;
    private static OrtSession session;

    @BeforeAll
    static void load() throws IOException, OrtException {
        bge = new EncoderLoader().load("bge-small");
        ort = OrtEnvironment.getEnvironment();
        byte[] onnx;
        try (InputStream in = BgeSmallParityTest.class.getClassLoader()
                .getResourceAsStream(BundledBgeSmall.ONNX_RESOURCE)) {
            onnx = in.readAllBytes();
        }
        session = ort.createSession(onnx, new OrtSession.SessionOptions());
    }

    @AfterAll
    static void close() throws OrtException {
        session.close();
        bge.close();
    }

    @Test
    void publishedSettingsAndShapeWithHeadsReadFromTheGraph() {
        assertThat(bge.settings()).isEqualTo(new EncoderSettings(PoolingConfig.cls(384), true, 512, true,
                ModelPrompts.of(Map.of("query", "Represent this sentence for searching relevant passages: "))));
        BertConfig config = bge.bertConfig();
        assertThat(config.numHiddenLayers()).isEqualTo(12);
        assertThat(config.hiddenSize()).isEqualTo(384);
        assertThat(config.numAttentionHeads()).isEqualTo(12);
        assertThat(config.intermediateSize()).isEqualTo(1536);
        assertThat(config.maxPositionEmbeddings()).isEqualTo(512);
        assertThat(bge.dimension()).isEqualTo(384);
    }

    @Test
    void aliasesAndCaseSelectTheSameBundledModel() {
        assertThat(EncoderLoader.bundledName("BGE-Small-EN-v1.5")).contains(EncoderLoader.BGE_SMALL);
        assertThat(EncoderLoader.bundledName("bge-small")).contains(EncoderLoader.BGE_SMALL);
        assertThat(EncoderLoader.bundledName("all-MiniLM-L6-v2")).contains(EncoderLoader.MINILM);
        assertThat(EncoderLoader.bundledName("bge-base")).isEmpty();
    }

    @Test
    void tokenIdsAreLowerCasedWordPieceIdsTruncatedTo512() {
        List<long[]> ids = bge.tokenize(List.of("Hello WORLD", "hello world", "word ".repeat(600)));
        // bert-base-uncased vocab.txt, which bge-small-en-v1.5 uses: [CLS]=101, [SEP]=102, hello=7592, world=2088.
        assertThat(ids.get(0)).containsExactly(101, 7592, 2088, 102);
        assertThat(ids.get(1)).containsExactly(ids.get(0));
        assertThat(ids.get(2)).hasSize(512);
        assertThat(ids.get(2)[0]).isEqualTo(101);
        assertThat(ids.get(2)[511]).isEqualTo(102);
    }

    @Test
    void embeddingsMatchOnnxRuntimeWithin1e4() throws OrtException {
        float[][] ours = bge.encode(SENTENCES, 8);
        List<long[]> ids = bge.tokenize(SENTENCES);
        double worst = 0;
        for (int i = 0; i < SENTENCES.size(); i++) {
            float[] reference = onnxRuntimeEmbedding(ids.get(i));
            assertThat(ours[i]).as(SENTENCES.get(i)).hasSize(384).containsExactly(reference, within(1e-4f));
            worst = Math.max(worst, maxAbsDiff(ours[i], reference));
        }
        System.out.printf("bge-small vs ONNX Runtime, %d sentences: max abs diff %.3g%n", SENTENCES.size(), worst);
    }

    @Test
    void theQueryPromptReachesTheModelAsBaaisInstructionInFrontOfTheQueryOnly() throws OrtException {
        // BAAI's model card: "Represent this sentence for searching relevant passages: " before short queries.
        String query = "a domestic cat";
        ColumnPrompts prompts = Prompts.parse("anchor=@query", "--prompts").resolve(bge.settings().prompts(), true,
                "--prompts");
        assertThat(prompts.apply(PromptRole.POSITIVE, "a small pet")).isEqualTo("a small pet");
        float[] prompted = bge.encode(List.of(prompts.apply(PromptRole.ANCHOR, query)), 1)[0];
        long[] ids = bge.tokenize(List.of("Represent this sentence for searching relevant passages: " + query)).get(0);
        assertThat(prompted).containsExactly(onnxRuntimeEmbedding(ids), within(1e-4f));
        float[] bare = bge.encode(List.of(query), 1)[0];
        assertThat(maxAbsDiff(prompted, bare)).as("the prompt changes the query's embedding").isGreaterThan(1e-2);
    }

    /** ONNX Runtime on one unpadded sequence, then the [CLS] vector L2-normalised in plain Java. */
    private static float[] onnxRuntimeEmbedding(long[] ids) throws OrtException {
        long[][] inputIds = {ids};
        long[][] mask = {filled(ids.length, 1)};
        long[][] types = {new long[ids.length]};
        try (OnnxTensor idsTensor = OnnxTensor.createTensor(ort, inputIds);
                OnnxTensor maskTensor = OnnxTensor.createTensor(ort, mask);
                OnnxTensor typesTensor = OnnxTensor.createTensor(ort, types);
                OrtSession.Result result = session.run(Map.of(
                        "input_ids", idsTensor, "attention_mask", maskTensor, "token_type_ids", typesTensor))) {
            float[] cls = ((float[][][]) result.get("last_hidden_state").orElseThrow().getValue())[0][0];
            double norm = 0;
            for (float v : cls) {
                norm += (double) v * v;
            }
            norm = Math.sqrt(norm);
            float[] embedding = new float[cls.length];
            for (int d = 0; d < cls.length; d++) {
                embedding[d] = (float) (cls[d] / norm);
            }
            return embedding;
        }
    }

    private static long[] filled(int length, long value) {
        long[] array = new long[length];
        Arrays.fill(array, value);
        return array;
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
