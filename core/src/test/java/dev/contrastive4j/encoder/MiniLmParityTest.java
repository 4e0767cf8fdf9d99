package dev.contrastive4j.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contrastive4j.encoder.io.BundledMiniLm;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import dev.contrastive4j.engine.ChildJvm;
import dev.contrastive4j.engine.PyTorchRuntime;
import dev.contrastive4j.engine.MklDispatch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real all-MiniLM-L6-v2, imported from the ONNX file bundled by langchain4j, against the same file run by
 * ONNX Runtime: same token ids in, mean-pooled and normalised {@code last_hidden_state} out.
 */
class MiniLmParityTest {

    private static final List<String> SENTENCES = List.of(
            "a",
            "Hello world",
            "The cat sits outside.",
            "A man is playing guitar.",
            "The new movie is awesome!",
            "I love pasta.",
            "Do you like pizza?",
            "The quick brown fox jumps over the lazy dog while the farmer watches from the porch.",
            "Sentence embeddings map text to dense vectors so that similar meanings lie close together.",
            "Contrastive learning pulls an anchor towards its positive and pushes it away from negatives.",
            "Héllo wörld, ça va? Ünïcödé and accents déjà vu.",
            "東京は日本の首都です。",
            "Москва — столица России.",
            "مرحبا بالعالم",
            "Emoji 🎉🚀 and symbols ™ © ≠ ∞",
            "   leading and trailing spaces   ",
            "UPPER CASE SHOUTING TEXT",
            "numbers 3.14159 and 42 and 1,000,000",
            "e-mail: someone@example.com, url: https://example.org/path?q=1",
            "tab\tseparated\tand\nnew lines",
            "antidisestablishmentarianism pneumonoultramicroscopicsilicovolcanoconiosis",
            "The committee postponed the vote. ".repeat(40), // far over 256 tokens: truncated
            "word ".repeat(300),
            "");

    private static SentenceEncoder minilm;
    private static byte[] onnx;
    private static OrtEnvironment ort;
    private static OrtSession session;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws IOException, OrtException {
        minilm = new EncoderLoader().load("minilm");
        ort = OrtEnvironment.getEnvironment();
        try (InputStream in = MiniLmParityTest.class.getClassLoader().getResourceAsStream(BundledMiniLm.ONNX_RESOURCE)) {
            onnx = in.readAllBytes();
        }
        session = ort.createSession(onnx, new OrtSession.SessionOptions());
    }

    @AfterAll
    static void close() throws OrtException {
        session.close();
        minilm.close();
    }

    @Test
    void tokenIdsAreBertUncasedWordPieceIdsTruncatedTo256() {
        List<long[]> ids = minilm.tokenize(List.of("Hello world", "word ".repeat(300)));
        // bert-base-uncased vocab.txt: [CLS]=101, [SEP]=102, "hello"=7592, "world"=2088.
        assertThat(ids.get(0)).containsExactly(101, 7592, 2088, 102);
        assertThat(ids.get(1)).hasSize(256);
        assertThat(ids.get(1)[0]).isEqualTo(101);
        assertThat(ids.get(1)[255]).isEqualTo(102);
    }

    @Test
    void embeddingsMatchOnnxRuntimeWithin1e4() throws OrtException {
        float[][] ours = minilm.encode(SENTENCES, 8);
        List<long[]> ids = minilm.tokenize(SENTENCES);
        double worst = 0;
        for (int i = 0; i < SENTENCES.size(); i++) {
            float[] reference = onnxRuntimeEmbedding(ids.get(i));
            assertThat(ours[i]).as(SENTENCES.get(i)).hasSize(384).containsExactly(reference, within(1e-4f));
            worst = Math.max(worst, maxAbsDiff(ours[i], reference));
        }
        System.out.printf("MiniLM vs ONNX Runtime, %d sentences: max abs diff %.3g%n", SENTENCES.size(), worst);
    }

    @Test
    void batchOfLongTextsEmbeddedInSeveralPassesMatchesOnnxRuntime() throws OrtException {
        // At 256 tokens an inference pass of MiniLM holds 16 texts, so one batch of all 24 sentences runs as two.
        assertThat(minilm.rowsPerPass(256, false)).isEqualTo(16);
        assertThat(minilm.rowsPerPass(12, false)).isGreaterThanOrEqualTo(SENTENCES.size());
        float[][] ours = minilm.encode(SENTENCES, SENTENCES.size());
        List<long[]> ids = minilm.tokenize(SENTENCES);
        for (int i = 0; i < SENTENCES.size(); i++) {
            assertThat(ours[i]).as(SENTENCES.get(i)).containsExactly(onnxRuntimeEmbedding(ids.get(i)), within(1e-4f));
        }
    }

    /**
     * A training batch of long texts runs as several passes joined in the graph: the output of a row in the
     * second pass reaches the word vector of a token only that pass holds, and never one only the first holds.
     */
    @Test
    void trainingBatchOfLongTextsRunsInPassesJoinedInTheGraph() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            texts.add((i < 8 ? "apple " : "zebra ").repeat(300));
        }
        // Training keeps the attention scores (unfused, for dropout): 8 texts of 256 tokens a pass.
        assertThat(minilm.rowsPerPass(256, true)).isEqualTo(8);
        long apple = minilm.tokenize(List.of("apple")).get(0)[1];
        long zebra = minilm.tokenize(List.of("zebra")).get(0)[1];
        Parameter words = minilm.trainableParameters().get("embeddings.word_embeddings.weight");
        try (NDManager step = NDManager.newBaseManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.zeroGradients();
            NDArray embeddings = minilm.embedWithGradient(texts, step, 5);
            assertThat(embeddings.getShape().get(0)).isEqualTo(16);
            collector.backward(embeddings.get("8:").sum());
            NDArray gradient = words.getArray().getGradient();
            assertThat(gradient.get(zebra).abs().max().getFloat()).isGreaterThan(0f);
            assertThat(gradient.get(apple).abs().max().getFloat()).isZero();
        } finally {
            minilm.trainableParameters().values().forEach(p -> PyTorchRuntime.zeroGradient(p.getArray()));
        }
    }

    /**
     * The library the launchers preload so that MKL runs its AVX-512 kernels on any processor that has them
     * (see MklDispatch) changes which kernels compute the products, not what they compute: embeddings within
     * the same 1e-4 of ONNX Runtime, and within 1e-5 of MKL's default kernels in this JVM.
     */
    @Test
    void mklDispatchLibraryKeepsEmbeddingsWithinTolerance() throws Exception {
        Path library = Path.of("target", "native", MklDispatch.LIBRARY_FILE).toAbsolutePath();
        assumeTrue(Files.isRegularFile(library), "no " + library + ": the build found no C compiler");
        ChildJvm.Result child = ChildJvm.run(MiniLmEncodeMain.class, List.of("-Dai.djl.offline=true",
                "-DOPT_OUT_TRACKING=true", "-Xmx1g"), Map.of("LD_PRELOAD", library.toString()), 120,
                SENTENCES.toArray(String[]::new));
        assertThat(child.exitCode()).as(child.output()).isZero();
        assertThat(child.output()).contains(MiniLmEncodeMain.LOADED_PREFIX + "true");
        List<float[]> dispatched = child.output().lines().filter(line -> line.startsWith(MiniLmEncodeMain.EMBEDDING_PREFIX))
                .map(line -> {
                    String[] values = line.substring(MiniLmEncodeMain.EMBEDDING_PREFIX.length()).split(" ");
                    float[] embedding = new float[values.length];
                    for (int d = 0; d < values.length; d++) {
                        embedding[d] = Float.parseFloat(values[d]);
                    }
                    return embedding;
                }).toList();
        assertThat(dispatched).hasSize(SENTENCES.size());
        float[][] vendorDefault = minilm.encode(SENTENCES, 8);
        List<long[]> ids = minilm.tokenize(SENTENCES);
        double worst = 0;
        for (int i = 0; i < SENTENCES.size(); i++) {
            assertThat(dispatched.get(i)).as(SENTENCES.get(i))
                    .containsExactly(onnxRuntimeEmbedding(ids.get(i)), within(1e-4f))
                    .containsExactly(vendorDefault[i], within(1e-5f));
            worst = Math.max(worst, maxAbsDiff(dispatched.get(i), vendorDefault[i]));
        }
        System.out.printf("MiniLM with %s vs without: max abs diff %.3g%n", MklDispatch.LIBRARY_FILE, worst);
    }

    @Test
    void savedAndReloadedMiniLmGivesIdenticalEmbeddings() throws IOException {
        Path model = dir.resolve("minilm");
        minilm.save(model);

        JsonNode header = SafetensorsHeaders.header(model.resolve("model.safetensors"));
        Map<String, List<Long>> shapes = SafetensorsHeaders.shapes(header);
        assertThat(shapes).hasSize(5 + 6 * 16);
        assertThat(shapes.keySet()).containsExactlyInAnyOrderElementsOf(
                minilm.block().parametersByHfName().keySet());
        assertThat(shapes.get("embeddings.word_embeddings.weight")).containsExactly(30522L, 384L);
        assertThat(shapes.get("embeddings.position_embeddings.weight")).containsExactly(512L, 384L);
        assertThat(shapes.get("encoder.layer.5.intermediate.dense.weight")).containsExactly(1536L, 384L);
        assertThat(shapes.get("encoder.layer.5.output.dense.weight")).containsExactly(384L, 1536L);
        assertThat(shapes.get("encoder.layer.0.attention.self.query.weight")).containsExactly(384L, 384L);

        JsonNode config = JsonFiles.MAPPER.readTree(model.resolve("config.json").toFile());
        assertThat(config.get("model_type").asText()).isEqualTo("bert");
        assertThat(config.get("num_attention_heads").asInt()).isEqualTo(12);
        assertThat(config.get("num_hidden_layers").asInt()).isEqualTo(6);
        assertThat(config.get("hidden_size").asInt()).isEqualTo(384);

        List<String> sample = SENTENCES.subList(0, 12);
        try (SentenceEncoder reloaded = new EncoderLoader().load(model.toString())) {
            assertThat(reloaded.settings()).isEqualTo(minilm.settings());
            float[][] before = minilm.encode(sample, 4);
            float[][] after = reloaded.encode(sample, 4);
            for (int i = 0; i < sample.size(); i++) {
                assertThat(after[i]).as(sample.get(i)).containsExactly(before[i], within(1e-6f));
            }
        }
    }

    @Test
    void onnxFileInAFolderLoadsLikeTheBundledModel() throws IOException {
        // An ONNX export laid out as Hugging Face publishes it: onnx/model.onnx, tokenizer files one level up.
        Path model = Files.createDirectories(dir.resolve("exported/onnx")).getParent();
        Files.write(model.resolve("onnx/model.onnx"), onnx);
        try (InputStream tokenizer = BundledMiniLm.openTokenizerJson()) {
            Files.copy(tokenizer, model.resolve("tokenizer.json"));
        }
        Files.writeString(model.resolve("sentence_bert_config.json"), "{\"max_seq_length\": 256}");
        Files.createDirectory(model.resolve("2_Normalize"));

        List<String> sample = SENTENCES.subList(0, 8);
        for (Path path : List.of(model, model.resolve("onnx/model.onnx"))) {
            try (SentenceEncoder loaded = new EncoderLoader().load(path.toString())) {
                // 12 heads were read from the graph: no config.json says so.
                assertThat(loaded.bertConfig()).as(path.toString()).isEqualTo(minilm.bertConfig());
                assertThat(loaded.settings()).isEqualTo(minilm.settings());
                float[][] expected = minilm.encode(sample, 8);
                float[][] actual = loaded.encode(sample, 8);
                for (int i = 0; i < sample.size(); i++) {
                    assertThat(actual[i]).containsExactly(expected[i]);
                }
            }
        }
    }

    /** ONNX Runtime on one unpadded sequence, then mean pooling and L2 normalisation in plain Java. */
    private static float[] onnxRuntimeEmbedding(long[] ids) throws OrtException {
        long[][] inputIds = {ids};
        long[][] mask = {filled(ids.length, 1)};
        long[][] types = {new long[ids.length]};
        try (OnnxTensor idsTensor = OnnxTensor.createTensor(ort, inputIds);
                OnnxTensor maskTensor = OnnxTensor.createTensor(ort, mask);
                OnnxTensor typesTensor = OnnxTensor.createTensor(ort, types);
                OrtSession.Result result = session.run(Map.of(
                        "input_ids", idsTensor, "attention_mask", maskTensor, "token_type_ids", typesTensor))) {
            float[][] tokens = ((float[][][]) result.get("last_hidden_state").orElseThrow().getValue())[0];
            double[] mean = new double[tokens[0].length];
            for (float[] token : tokens) {
                for (int d = 0; d < mean.length; d++) {
                    mean[d] += token[d] / (double) tokens.length;
                }
            }
            double norm = Math.sqrt(Arrays.stream(mean).map(v -> v * v).sum());
            float[] embedding = new float[mean.length];
            for (int d = 0; d < mean.length; d++) {
                embedding[d] = (float) (mean[d] / norm);
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
