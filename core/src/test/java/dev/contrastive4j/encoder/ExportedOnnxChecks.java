package dev.contrastive4j.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contrastive4j.encoder.io.BertOnnxWriter;
import dev.contrastive4j.engine.PyTorchRuntime;
import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Test helper for exported ONNX folders: runs {@code model.onnx} in ONNX Runtime and through LangChain4j's
 * {@code OnnxEmbeddingModel}, computes the encoder's own token vectors, and measures differences. Shared by the
 * export tests of core (tiny and bundled models) and of the training tests (a fine-tuned model).
 */
public final class ExportedOnnxChecks {

    /** ONNX Runtime's two outputs for one padded batch. */
    public record Outputs(float[][][] tokens, float[][] sentences) {}

    /** Sentence vectors have unit length; 1e-5 is what the issue asks of them. */
    public static final double SENTENCE_TOLERANCE = 1e-5;
    /**
     * Token vectors are not normalised: MiniLM's reach about ±10 and bge-small's more, and after 6 or 12 layers
     * float32 kernels that sum in another order (PyTorch against ONNX Runtime) differ by a few units in their last
     * place of such values, so the bound is relative to the largest magnitude.
     */
    public static final double TOKEN_RELATIVE_TOLERANCE = 1e-5;

    private ExportedOnnxChecks() {}

    /**
     * Compares ONNX Runtime's outputs and LangChain4j's vectors for the exported {@code folder} with
     * {@code encoder}'s, on 50 bundled test texts; prints the largest differences.
     */
    public static void assertExportMatches(String name, SentenceEncoder encoder, Path folder, PoolingMode pooling) {
        List<String> texts = ExportedOnnxChecks.bundledTestSentences(50);
        assertThat(texts).hasSize(50);
        List<long[]> ids = encoder.tokenize(texts);
        float[][] expected = encoder.encode(texts, 16);

        ExportedOnnxChecks.Outputs ort = runOnnxRuntime(folder, ids, encoder.tokenizer().padId());
        float[][][] tokens = encoderTokens(encoder, ids);
        double sentenceDifference = maxDifference(ort.sentences(), expected);
        double tokenDifference = maxTokenDifference(ort.tokens(), tokens, ids);
        double largestToken = maxTokenDifference(tokens, new float[tokens.length][tokens[0].length][tokens[0][0].length],
                ids);
        double langChain4jDifference = maxDifference(ExportedOnnxChecks.langChain4j(folder, pooling, texts), expected);

        System.out.printf(Locale.ROOT, "ONNX export of %s, %d texts: sentence_embedding max |ORT - c4j encode| = %.3g;"
                        + " last_hidden_state max |ORT - encoder| = %.3g (largest |value| %.3g);"
                        + " LangChain4j OnnxEmbeddingModel (%s) max |difference| = %.3g%n",
                name, texts.size(), sentenceDifference, tokenDifference, largestToken, pooling, langChain4jDifference);
        assertThat(sentenceDifference).as("sentence_embedding").isLessThanOrEqualTo(SENTENCE_TOLERANCE);
        assertThat(tokenDifference).as("last_hidden_state")
                .isLessThanOrEqualTo(TOKEN_RELATIVE_TOLERANCE * largestToken);
        assertThat(langChain4jDifference).as("LangChain4j").isLessThanOrEqualTo(SENTENCE_TOLERANCE);
    }

    /** Runs {@code model.onnx} of {@code folder} on the texts' token ids, padded into one batch. */
    public static Outputs runOnnxRuntime(Path folder, List<long[]> tokenIds, long padId) {
        TokenBatch batch = TokenBatch.pad(tokenIds, padId);
        long[] shape = {batch.rows(), batch.length()};
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession session = environment.createSession(folder.resolve(OnnxExport.MODEL_FILE).toString());
                OnnxTensor ids = OnnxTensor.createTensor(environment, LongBuffer.wrap(batch.ids()), shape);
                OnnxTensor mask = OnnxTensor.createTensor(environment, LongBuffer.wrap(batch.attentionMask()), shape);
                OnnxTensor types = OnnxTensor.createTensor(environment,
                        LongBuffer.wrap(new long[batch.ids().length]), shape);
                OrtSession.Result result = session.run(Map.of(BertOnnxWriter.INPUT_IDS, ids,
                        BertOnnxWriter.ATTENTION_MASK, mask, BertOnnxWriter.TOKEN_TYPE_IDS, types))) {
            float[][][] tokens = (float[][][]) result.get(BertOnnxWriter.LAST_HIDDEN_STATE).orElseThrow().getValue();
            float[][] sentences = (float[][]) result.get(BertOnnxWriter.SENTENCE_EMBEDDING).orElseThrow().getValue();
            return new Outputs(tokens, sentences);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on " + folder, e);
        }
    }

    /** The encoder's token vectors ({@code last_hidden_state}) for the same padded batch, without dropout. */
    public static float[][][] encoderTokens(SentenceEncoder encoder, List<long[]> tokenIds) {
        TokenBatch batch = TokenBatch.pad(tokenIds, encoder.tokenizer().padId());
        int hidden = encoder.bertConfig().hiddenSize();
        return PyTorchRuntime.withGradMode(false, () -> {
            try (NDManager manager = PyTorchRuntime.newManager()) {
                NDList inputs = batch.toNDList(manager);
                NDArray states = encoder.block().forward(new ParameterStore(manager, false), inputs, false).head();
                float[] flat = states.toFloatArray();
                float[][][] tokens = new float[batch.rows()][batch.length()][hidden];
                for (int row = 0; row < batch.rows(); row++) {
                    for (int t = 0; t < batch.length(); t++) {
                        System.arraycopy(flat, (row * batch.length() + t) * hidden, tokens[row][t], 0, hidden);
                    }
                }
                return tokens;
            }
        });
    }

    /** The largest absolute difference between two token-vector batches, over real (unpadded) tokens only. */
    public static double maxTokenDifference(float[][][] a, float[][][] b, List<long[]> tokenIds) {
        double max = 0;
        for (int row = 0; row < tokenIds.size(); row++) {
            for (int t = 0; t < tokenIds.get(row).length; t++) {
                max = Math.max(max, maxDifference(new float[][] {a[row][t]}, new float[][] {b[row][t]}));
            }
        }
        return max;
    }

    /** The largest absolute difference between two matrices of the same shape. */
    public static double maxDifference(float[][] a, float[][] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(a.length + " rows against " + b.length);
        }
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i].length != b[i].length) {
                throw new IllegalArgumentException("row " + i + ": " + a[i].length + " columns against " + b[i].length);
            }
            for (int j = 0; j < a[i].length; j++) {
                max = Math.max(max, Math.abs((double) a[i][j] - b[i][j]));
            }
        }
        return max;
    }

    /** LangChain4j's {@code OnnxEmbeddingModel} over the folder's {@code model.onnx} and {@code tokenizer.json}. */
    public static float[][] langChain4j(Path folder, PoolingMode pooling, List<String> texts) {
        OnnxEmbeddingModel model = new OnnxEmbeddingModel(folder.resolve(OnnxExport.MODEL_FILE),
                folder.resolve("tokenizer.json"), pooling);
        float[][] vectors = new float[texts.size()][];
        for (int i = 0; i < texts.size(); i++) {
            vectors[i] = model.embed(texts.get(i)).content().vector();
        }
        return vectors;
    }

    /**
     * The first {@code count} distinct texts (anchors and positives, in file order) of the bundled WordNet test
     * split, {@code data/wordnet-senses/test.jsonl.gz}.
     */
    public static List<String> bundledTestSentences(int count) {
        Path file = repositoryRoot().resolve("data/wordnet-senses/test.jsonl.gz");
        Set<String> texts = new LinkedHashSet<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null && texts.size() < count; line = lines.readLine()) {
                JsonNode row = JsonFiles.MAPPER.readTree(line);
                texts.add(row.path("anchor").asText());
                if (texts.size() < count) {
                    texts.add(row.path("positive").asText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ArrayList<>(texts);
    }

    private static Path repositoryRoot() {
        for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
            if (Files.isRegularFile(folder.resolve("mvnw")) && Files.isDirectory(folder.resolve("data"))) {
                return folder;
            }
        }
        throw new IllegalStateException("no folder with mvnw and data/ above " + Path.of("").toAbsolutePath());
    }
}
