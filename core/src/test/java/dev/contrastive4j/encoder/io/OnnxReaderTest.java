package dev.contrastive4j.encoder.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxReaderTest {

    @TempDir
    Path dir;

    private static OnnxModel read(byte[] bytes) {
        return OnnxReader.read(ByteBuffer.wrap(bytes), "test.onnx");
    }

    private static byte[] graphWith(ProtoWriter... initializers) {
        ProtoWriter graph = new ProtoWriter().string(2, "g");
        for (ProtoWriter t : initializers) {
            graph.message(5, t);
        }
        return ProtoWriter.model(graph);
    }

    @Test
    void readsModelGraphNodesAttributesInitializersInputsAndOutputs() {
        ProtoWriter graph = new ProtoWriter()
                .message(1, ProtoWriter.node("MatMul", new String[] {"x", "w"}, new String[] {"y"}))
                .message(1, ProtoWriter.node("Transpose", new String[] {"y"}, new String[] {"z"},
                        new ProtoWriter().string(1, "perm").int64(20, 7).int64(8, 1).int64(8, 0)))
                .string(2, "main")
                .message(5, ProtoWriter.floatTensor("w", new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}))
                .message(11, new ProtoWriter().string(1, "x"))
                .message(12, new ProtoWriter().string(1, "z"));

        OnnxModel model = OnnxReader.read(ByteBuffer.wrap(ProtoWriter.model(graph)), "m.onnx");

        assertThat(model.irVersion()).isEqualTo(8);
        assertThat(model.producerName()).isEqualTo("test");
        assertThat(model.graph().name()).isEqualTo("main");
        assertThat(model.graph().inputs()).containsExactly("x");
        assertThat(model.graph().outputs()).containsExactly("z");
        assertThat(model.graph().nodes()).extracting(OnnxNode::opType).containsExactly("MatMul", "Transpose");
        assertThat(model.graph().nodes().get(0).inputs()).containsExactly("x", "w");
        assertThat(model.graph().nodes().get(1).attribute("perm")).get()
                .extracting(OnnxAttribute::ints).isEqualTo(List.of(1L, 0L));
        OnnxTensor w = model.graph().initializers().get("w");
        assertThat(w.dims()).containsExactly(2, 3);
        assertThat(w.toFloatTensor()).isEqualTo(new FloatTensor(new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}));
    }

    @Test
    void typedFieldsPackedOrNotDecodeLikeRawData() {
        // dims packed; float_data packed (4 bytes each, little-endian) and one unpacked value
        ByteBuffer packed = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).putFloat(-2f);
        ProtoWriter floats = new ProtoWriter()
                .bytes(1, new ProtoWriter().varint(3).toByteArray())
                .int64(2, OnnxTensor.FLOAT).string(8, "f")
                .bytes(4, packed.array())
                .float32(4, 0.25f);
        // int64_data as varints, one packed run and one unpacked value
        ProtoWriter longs = new ProtoWriter().int64(1, 3).int64(2, OnnxTensor.INT64).string(8, "i")
                .bytes(7, new ProtoWriter().varint(12).varint(300).toByteArray())
                .int64(7, -1);

        OnnxGraph graph = read(graphWith(floats, longs)).graph();

        assertThat(graph.initializers().get("f").toFloatTensor().values()).containsExactly(1.5f, -2f, 0.25f);
        assertThat(graph.initializers().get("i").toLongs()).containsExactly(12, 300, -1);
    }

    @Test
    void float16RawDataIsWidened() {
        // 0x3C00 = 1.0, 0xC000 = -2.0
        ProtoWriter half = new ProtoWriter().int64(1, 2).int64(2, OnnxTensor.FLOAT16).string(8, "h")
                .bytes(9, new byte[] {0x00, 0x3C, 0x00, (byte) 0xC0});
        assertThat(read(graphWith(half)).graph().initializers().get("h").toFloatTensor().values())
                .containsExactly(1.0f, -2.0f);
    }

    @Test
    void externalDataIsRefusedByName() {
        ProtoWriter external = new ProtoWriter().int64(1, 4).int64(2, OnnxTensor.FLOAT).string(8, "big.weight")
                .int64(14, 1);
        assertThatThrownBy(() -> read(graphWith(external)))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageStartingWith("test.onnx: at byte ")
                .hasMessageContaining("tensor 'big.weight' keeps its data in an external file");
    }

    @Test
    void rawDataOfTheWrongSizeIsRefused() {
        ProtoWriter t = new ProtoWriter().int64(1, 2).int64(1, 2).int64(2, OnnxTensor.FLOAT).string(8, "w")
                .bytes(9, new byte[12]);
        assertThatThrownBy(() -> read(graphWith(t)))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("tensor 'w' of shape [2, 2] and data type 1 needs 4 elements of 4 bytes, "
                        + "but raw_data holds 12 bytes");
    }

    @Test
    void hugeDeclaredShapeWithTypedDataIsRefusedWithoutAllocating() {
        ProtoWriter t = new ProtoWriter().int64(1, 1L << 40).int64(2, OnnxTensor.FLOAT).string(8, "w")
                .float32(4, 1f);
        assertThatThrownBy(() -> read(graphWith(t)))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("tensor 'w' declares " + (1L << 40) + " elements, more than its");
    }

    @Test
    void negativeOrOverflowingDimensionsAreRefused() {
        ProtoWriter negative = new ProtoWriter().int64(1, -3).int64(2, OnnxTensor.FLOAT).string(8, "n");
        assertThatThrownBy(() -> read(graphWith(negative)))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("tensor 'n' has a negative dimension in [-3]");
        ProtoWriter overflow = new ProtoWriter().int64(1, 1L << 40).int64(1, 1L << 40).int64(2, OnnxTensor.FLOAT)
                .string(8, "o").bytes(9, new byte[4]);
        assertThatThrownBy(() -> read(graphWith(overflow)))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("tensor 'o' shape [1099511627776, 1099511627776] overflows 64 bits");
    }

    @Test
    void lengthBeyondTheEnclosingMessageIsRefused() {
        // ModelProto.graph (field 7, wire type 2) claiming 1000 bytes when 2 follow
        byte[] bytes = new ProtoWriter().key(7, 2).varint(1000).raw((byte) 0x12, (byte) 0x00).toByteArray();
        assertThatThrownBy(() -> read(bytes))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage("test.onnx: at byte 1: length 1000 exceeds the 2 bytes left in the enclosing message");
    }

    @Test
    void truncatedVarintIsRefused() {
        byte[] bytes = new ProtoWriter().key(1, 0).raw((byte) 0x80, (byte) 0x80).toByteArray();
        assertThatThrownBy(() -> read(bytes))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage("test.onnx: at byte 1: truncated varint");
    }

    @Test
    void fieldWithTheWrongWireTypeIsRefused() {
        // GraphProto.node (field 1) sent as a varint
        byte[] bytes = new ProtoWriter().message(7, new ProtoWriter().int64(1, 5)).toByteArray();
        assertThatThrownBy(() -> read(bytes))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("GraphProto.node has wire type 0, expected 2");
    }

    @Test
    void deprecatedGroupWireTypeIsRefused() {
        byte[] bytes = new ProtoWriter().key(99, 3).toByteArray();
        assertThatThrownBy(() -> read(bytes))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("unsupported wire type 3 for field 99");
    }

    @Test
    void unknownFieldsAreSkipped() {
        byte[] bytes = new ProtoWriter().int64(1, 7).int64(99, 5).bytes(98, new byte[] {1, 2, 3})
                .message(7, new ProtoWriter().string(2, "g").float32(97, 1f)).toByteArray();
        assertThat(read(bytes).graph().name()).isEqualTo("g");
    }

    @Test
    void aFileWithoutAGraphIsNotAModel() {
        assertThatThrownBy(() -> read(new ProtoWriter().int64(1, 7).toByteArray()))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage("test.onnx: no graph (not an ONNX model?)");
    }

    @Test
    void readsFromAFileAndNamesItInErrors() {
        byte[] bytes = graphWith(ProtoWriter.floatTensor("w", new long[] {1}, new float[] {3f}));
        Path file = SafetensorsFiles.write(dir.resolve("model.onnx"), bytes);
        assertThat(OnnxReader.read(file).graph().initializers()).containsOnlyKeys("w");

        Path cut = SafetensorsFiles.write(dir.resolve("cut.onnx"), Arrays.copyOf(bytes, bytes.length - 2));
        assertThatThrownBy(() -> OnnxReader.read(cut))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageStartingWith(cut + ": at byte ");
    }
}
