package dev.contrastive4j.encoder.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real all-MiniLM-L6-v2 ONNX export bundled by the langchain4j artifact. */
class MiniLmOnnxImportTest {

    private static byte[] bytes;
    private static OnnxModel model;
    private static BertWeights weights;

    @TempDir
    Path dir;

    @BeforeAll
    static void importOnce() throws IOException {
        try (InputStream in = MiniLmOnnxImportTest.class.getClassLoader()
                .getResourceAsStream(BundledMiniLm.ONNX_RESOURCE)) {
            assertThat(in).as("bundled model on the test class path").isNotNull();
            bytes = in.readAllBytes();
        }
        model = OnnxReader.read(ByteBuffer.wrap(bytes), "all-minilm-l6-v2.onnx");
        weights = OnnxBertImporter.importModel(model, OptionalInt.empty());
    }

    @Test
    void isASixLayer384HiddenTwelveHeadBert() {
        assertThat(weights.dimensions()).isEqualTo(new BertDimensions(30522, 384, 6, 12, 1536, 512, 2, false));
    }

    @Test
    void everyHuggingFaceNameIsPresentWithItsShapeInOrder() {
        // written out from the Hugging Face BertModel definition, not from BertDimensions
        Map<String, long[]> expected = new LinkedHashMap<>();
        expected.put("embeddings.word_embeddings.weight", new long[] {30522, 384});
        expected.put("embeddings.position_embeddings.weight", new long[] {512, 384});
        expected.put("embeddings.token_type_embeddings.weight", new long[] {2, 384});
        expected.put("embeddings.LayerNorm.weight", new long[] {384});
        expected.put("embeddings.LayerNorm.bias", new long[] {384});
        for (int l = 0; l < 6; l++) {
            String p = "encoder.layer." + l + ".";
            for (String qkv : List.of("query", "key", "value")) {
                expected.put(p + "attention.self." + qkv + ".weight", new long[] {384, 384});
                expected.put(p + "attention.self." + qkv + ".bias", new long[] {384});
            }
            expected.put(p + "attention.output.dense.weight", new long[] {384, 384});
            expected.put(p + "attention.output.dense.bias", new long[] {384});
            expected.put(p + "attention.output.LayerNorm.weight", new long[] {384});
            expected.put(p + "attention.output.LayerNorm.bias", new long[] {384});
            expected.put(p + "intermediate.dense.weight", new long[] {1536, 384});
            expected.put(p + "intermediate.dense.bias", new long[] {1536});
            expected.put(p + "output.dense.weight", new long[] {384, 1536});
            expected.put(p + "output.dense.bias", new long[] {384});
            expected.put(p + "output.LayerNorm.weight", new long[] {384});
            expected.put(p + "output.LayerNorm.bias", new long[] {384});
        }

        assertThat(weights.tensors().keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((name, shape) -> assertThat(weights.get(name).shape()).as(name).containsExactly(shape));
    }

    /**
     * An independent oracle: the exporter named each MatMul node after its module path
     * ({@code /encoder/layer.3/attention/self/query/MatMul}), which the importer never looks at.
     */
    @Test
    void eachLinearWeightIsTheOperandOfItsModulesMatMulTransposed() {
        Map<String, OnnxNode> byOutput = new LinkedHashMap<>();
        model.graph().nodes().forEach(n -> n.outputs().forEach(o -> byOutput.put(o, n)));
        int checked = 0;
        for (int l = 0; l < 6; l++) {
            for (String module : BertWeightNames.LAYER_LINEARS) {
                OnnxNode matMul = byOutput.get("/encoder/layer." + l + "/" + module.replace('.', '/') + "/MatMul_output_0");
                assertThat(matMul.opType()).isEqualTo("MatMul");
                FloatTensor stored = model.graph().initializers().get(matMul.inputs().get(1)).toFloatTensor();
                FloatTensor mapped = weights.get("encoder.layer." + l + "." + module + ".weight");
                assertTransposed(mapped, stored);
                // and the exporter's Add after that MatMul adds exactly the bias of the same name
                String bias = "encoder.layer." + l + "." + module + ".bias";
                Set<String> addends = Set.of(bias, matMul.outputs().get(0));
                assertThat(model.graph().nodes())
                        .filteredOn(n -> n.opType().equals("Add") && Set.copyOf(n.inputs()).equals(addends))
                        .as("Add of %s", addends)
                        .hasSize(1);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(36);
    }

    @Test
    void queryWeightRowIsTheInitializerColumn() {
        OnnxNode matMul = model.graph().nodes().stream()
                .filter(n -> n.outputs().contains("/encoder/layer.0/attention/self/query/MatMul_output_0"))
                .findFirst().orElseThrow();
        float[] stored = model.graph().initializers().get(matMul.inputs().get(1)).toFloatTensor().values();
        float[] query = weights.get("encoder.layer.0.attention.self.query.weight").values();
        int row = 5;
        float[] mappedRow = Arrays.copyOfRange(query, row * 384, (row + 1) * 384);
        float[] storedColumn = new float[384];
        for (int i = 0; i < 384; i++) {
            storedColumn[i] = stored[i * 384 + row]; // stored is [in, out]: column `row` is output unit `row`
        }
        assertThat(mappedRow).containsExactly(storedColumn);
        assertThat(mappedRow).isNotEqualTo(Arrays.copyOfRange(stored, row * 384, (row + 1) * 384));
    }

    @Test
    void namedTensorsAreCopiedUnchanged() {
        FloatTensor words = model.graph().initializers().get("embeddings.word_embeddings.weight").toFloatTensor();
        assertThat(weights.get("embeddings.word_embeddings.weight")).isEqualTo(words);
        assertThat(weights.get("encoder.layer.5.output.LayerNorm.bias"))
                .isEqualTo(model.graph().initializers().get("encoder.layer.5.output.LayerNorm.bias").toFloatTensor());
    }

    @Test
    void bundledLoaderGivesTheSameWeightsAndATokenizer() throws IOException {
        assertThat(BundledMiniLm.loadWeights()).isEqualTo(weights);
        try (InputStream tokenizer = BundledMiniLm.openTokenizerJson()) {
            assertThat(new String(tokenizer.readNBytes(1))).isEqualTo("{");
        }
    }

    @Test
    void truncatedCopiesAreRefused() {
        for (int length : new int[] {8, 4096, bytes.length / 2, bytes.length - 100}) {
            Path file = SafetensorsFiles.write(dir.resolve("cut-" + length + ".onnx"), Arrays.copyOf(bytes, length));
            assertThatThrownBy(() -> OnnxBertImporter.importFile(file))
                    .as("cut at %d bytes", length)
                    .isInstanceOf(ModelFormatException.class)
                    .hasMessageStartingWith(file + ": ");
        }
    }

    @Test
    void aCorruptedGraphLengthIsRefused() {
        byte[] corrupted = bytes.clone();
        // the graph's 4-byte length varint follows its key 0x3A (field 7, wire type 2); four 0xFF bytes
        // and the continuation into the next byte make it far larger than the file
        int graphKey = indexOf(corrupted, (byte) 0x3A);
        Arrays.fill(corrupted, graphKey + 1, graphKey + 5, (byte) 0xFF);
        Path file = SafetensorsFiles.write(dir.resolve("corrupt.onnx"), corrupted);
        assertThatThrownBy(() -> OnnxBertImporter.importFile(file))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("at byte " + (graphKey + 1) + ": length ")
                .hasMessageContaining("exceeds the " + (bytes.length - graphKey - 1 - 5) + " bytes left"); // after the 5-byte varint
    }

    @Test
    void fuzzedCopiesFailOnlyWithModelFormatException() {
        Random random = new Random(20240611);
        int refused = 0;
        for (int round = 0; round < 8; round++) {
            byte[] fuzzed = bytes.clone();
            // the first 117 KB hold the graph's nodes: the structure, where mutations matter most
            for (int m = 0; m < 20; m++) {
                fuzzed[20 + random.nextInt(117_000)] = (byte) random.nextInt(256);
            }
            Throwable thrown = catchThrowable(
                    () -> OnnxBertImporter.importModel(OnnxReader.read(ByteBuffer.wrap(fuzzed), "fuzzed.onnx"),
                            OptionalInt.empty()));
            if (thrown != null) {
                assertThat(thrown).as("round %d", round).isInstanceOf(ModelFormatException.class);
                refused++;
            }
        }
        assertThat(refused).as("mutated copies refused").isPositive();
    }

    private static int indexOf(byte[] haystack, byte needle) {
        for (int i = 0; i < haystack.length; i++) {
            if (haystack[i] == needle) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    private static void assertTransposed(FloatTensor mapped, FloatTensor stored) {
        int in = (int) stored.dim(0);
        int out = (int) stored.dim(1);
        assertThat(mapped.shape()).containsExactly(out, in);
        float[] m = mapped.values();
        float[] s = stored.values();
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                if (m[o * in + i] != s[i * out + o]) {
                    throw new AssertionError("mapped[" + o + "][" + i + "] = " + m[o * in + i]
                            + " but stored[" + i + "][" + o + "] = " + s[i * out + o]);
                }
            }
        }
    }
}
