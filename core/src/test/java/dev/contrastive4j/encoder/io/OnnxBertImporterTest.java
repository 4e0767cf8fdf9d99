package dev.contrastive4j.encoder.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** On small export-like graphs built by {@link TinyBertOnnx}, whose true Hugging Face weights are known. */
class OnnxBertImporterTest {

    private static BertWeights importBytes(byte[] bytes, OptionalInt heads) {
        return OnnxBertImporter.importModel(OnnxReader.read(ByteBuffer.wrap(bytes), "tiny.onnx"), heads);
    }

    @Test
    void recoversEveryWeightFromShuffledUnnamedMatMulsInHuggingFaceOrderAndLayout() {
        TinyBertOnnx tiny = new TinyBertOnnx();
        byte[] bytes = tiny.build();

        BertWeights weights = importBytes(bytes, OptionalInt.empty());

        assertThat(weights.tensors().keySet()).containsExactlyElementsOf(BertWeightNames.expectedNames(2, false));
        assertThat(weights.tensors()).isEqualTo(tiny.expected());
        assertThat(weights.dimensions()).isEqualTo(new BertDimensions(10, 8, 2, 2, 12, 6, 2, false));
    }

    @Test
    void integerBuffersAreNotWeights() {
        BertWeights weights = importBytes(new TinyBertOnnx().build(), OptionalInt.empty());
        assertThat(weights.tensors()).doesNotContainKey("embeddings.position_ids");
    }

    @Test
    void readsTheNumberOfHeadsFromTheReshapeIntoHeads() {
        TinyBertOnnx tiny = new TinyBertOnnx();
        tiny.heads = 4;
        assertThat(importBytes(tiny.build(), OptionalInt.empty()).dimensions().numHeads()).isEqualTo(4);
    }

    @Test
    void givenHeadsMustAgreeWithTheGraph() {
        byte[] bytes = new TinyBertOnnx().build();
        assertThat(importBytes(bytes, OptionalInt.of(2)).dimensions().numHeads()).isEqualTo(2);
        assertThatThrownBy(() -> importBytes(bytes, OptionalInt.of(4)))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage("tiny.onnx: 4 attention heads were given, but the graph splits attention into 2");
    }

    @Test
    void withoutTheReshapeTheHeadsMustBeGiven() {
        TinyBertOnnx tiny = new TinyBertOnnx();
        tiny.reshapeIntoHeads = false;
        byte[] bytes = tiny.build();
        assertThatThrownBy(() -> importBytes(bytes, OptionalInt.empty()))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage("tiny.onnx: the graph does not show the number of attention heads; give it explicitly");
        assertThat(importBytes(bytes, OptionalInt.of(4)).dimensions().numHeads()).isEqualTo(4);
    }

    @Test
    void headsThatDoNotDivideTheHiddenSizeAreRefused() {
        TinyBertOnnx tiny = new TinyBertOnnx();
        tiny.reshapeIntoHeads = false;
        byte[] bytes = tiny.build();
        assertThatThrownBy(() -> importBytes(bytes, OptionalInt.of(3)))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage("tiny.onnx: 3 attention heads do not divide hidden size 8");
    }

    @Test
    void aBiasWhoseAddDoesNotFollowAMatMulIsRefused() {
        TinyBertOnnx tiny = new TinyBertOnnx();
        tiny.linearWithoutMatMul = "encoder.layer.1.output.dense";
        byte[] bytes = tiny.build();
        assertThatThrownBy(() -> importBytes(bytes, OptionalInt.empty()))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("bias 'encoder.layer.1.output.dense.bias' is added to "
                        + "'/encoder/layer/1/output/dense/MatMul_output_0', which comes from Relu")
                .hasMessageContaining("expected the output of a MatMul with the Linear weight");
    }

    @Test
    void twoBiasesOnOneProductAreRefused() {
        TinyBertOnnx tiny = new TinyBertOnnx();
        tiny.keyBiasOnQueryProduct = true;
        byte[] bytes = tiny.build();
        assertThatThrownBy(() -> importBytes(bytes, OptionalInt.empty()))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("the graph adds both 'encoder.layer.0.attention.self.query.bias' and "
                        + "'encoder.layer.0.attention.self.key.bias' to a product with 'onnx::MatMul_");
    }

    @Test
    void aMissingLayerIsRefused() {
        TinyBertOnnx tiny = new TinyBertOnnx();
        tiny.layers = 3;
        tiny.omittedLayer = 1;
        byte[] bytes = tiny.build();
        assertThatThrownBy(() -> importBytes(bytes, OptionalInt.empty()))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage("tiny.onnx: encoder layer 1 is missing (found layers [0, 2])");
    }

    @Test
    void aGraphWithoutEmbeddingsIsNotABert() {
        ProtoWriter graph = new ProtoWriter()
                .message(1, ProtoWriter.node("MatMul", new String[] {"x", "w"}, new String[] {"y"}))
                .message(5, ProtoWriter.floatTensor("w", new long[] {2, 2}, new float[4]));
        assertThatThrownBy(() -> importBytes(ProtoWriter.model(graph), OptionalInt.of(1)))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage("tiny.onnx: weight 'embeddings.word_embeddings.weight' is missing: not a complete BERT "
                        + "encoder");
    }

    @Test
    void aPoolerAsGemmWithTransposedOperandIsImportedAsIs() {
        TinyBertOnnx tiny = new TinyBertOnnx();
        tiny.poolerAsGemm = true;
        byte[] bytes = tiny.build();

        BertWeights weights = importBytes(bytes, OptionalInt.empty());

        assertThat(weights.dimensions().hasPooler()).isTrue();
        assertThat(weights.get("pooler.dense.weight")).isEqualTo(tiny.expected().get("pooler.dense.weight"));
        assertThat(weights.tensors()).isEqualTo(tiny.expected());
    }

    @Test
    void aWeightBehindATransposeNodeIsAlreadyInHuggingFaceLayout() {
        TinyBertOnnx tiny = new TinyBertOnnx();
        tiny.queryWeightBehindTranspose = true;
        byte[] bytes = tiny.build();

        assertThat(importBytes(bytes, OptionalInt.empty()).tensors()).isEqualTo(tiny.expected());
    }

    @Test
    void nonSquareLinearsKeepOutRowsAndInColumns() {
        TinyBertOnnx tiny = new TinyBertOnnx();
        BertWeights weights = importBytes(tiny.build(), OptionalInt.empty());
        // intermediate: hidden 8 -> 12, so Hugging Face [out, in] = [12, 8]; output dense the reverse
        assertThat(weights.get("encoder.layer.0.intermediate.dense.weight").shape()).containsExactly(12, 8);
        assertThat(weights.get("encoder.layer.0.output.dense.weight").shape()).containsExactly(8, 12);
    }
}
