package dev.contrastive4j.encoder.io;

import static dev.contrastive4j.encoder.io.SafetensorsFiles.concat;
import static dev.contrastive4j.encoder.io.SafetensorsFiles.floats;
import static dev.contrastive4j.encoder.io.SafetensorsFiles.shorts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsF32TensorsWithShapesAndMetadataInHeaderOrder() {
        String header = """
                {"__metadata__":{"format":"pt"},
                 "b":{"dtype":"F32","shape":[2,2],"data_offsets":[8,24]},
                 "a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""";
        Path file = SafetensorsFiles.file(dir, "m.safetensors", header, floats(1f, 2f, 3f, 4f, 5f, 6f));

        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            assertThat(reader.metadata()).containsExactly(Map.entry("format", "pt"));
            assertThat(reader.entries()).extracting(SafetensorsEntry::name).containsExactly("b", "a");
            Map<String, FloatTensor> tensors = reader.readAllFloats();
            assertThat(tensors.keySet()).containsExactly("b", "a");
            assertThat(tensors.get("a")).isEqualTo(new FloatTensor(new long[] {2}, new float[] {1f, 2f}));
            assertThat(tensors.get("b")).isEqualTo(new FloatTensor(new long[] {2, 2}, new float[] {3f, 4f, 5f, 6f}));
        }
    }

    @Test
    void decodesF16Bf16AndF64ToFloat() {
        // F16 0x3C00 = 1.0, 0xC000 = -2.0, 0x7BFF = 65504; BF16 0x3F80 = 1.0, 0xC040 = -3.0; F64 0.25
        byte[] f64 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.25).array();
        String header = """
                {"h":{"dtype":"F16","shape":[3],"data_offsets":[0,6]},
                 "b":{"dtype":"BF16","shape":[2],"data_offsets":[6,10]},
                 "d":{"dtype":"F64","shape":[1],"data_offsets":[10,18]}}""";
        Path file = SafetensorsFiles.file(dir, "half.safetensors", header,
                concat(shorts(0x3C00, 0xC000, 0x7BFF), shorts(0x3F80, 0xC040), f64));

        Map<String, FloatTensor> tensors = SafetensorsReader.readFloats(file);

        assertThat(tensors.get("h").values()).containsExactly(1.0f, -2.0f, 65504f);
        assertThat(tensors.get("b").values()).containsExactly(1.0f, -3.0f);
        assertThat(tensors.get("d").values()).containsExactly(0.25f);
    }

    @Test
    void integerTensorsAreListedButNotReadAsFloats() {
        String header = """
                {"embeddings.position_ids":{"dtype":"I64","shape":[1,2],"data_offsets":[0,16]},
                 "w":{"dtype":"F32","shape":[1],"data_offsets":[16,20]}}""";
        Path file = SafetensorsFiles.file(dir, "ids.safetensors", header, concat(new byte[16], floats(7f)));

        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            assertThat(reader.entry("embeddings.position_ids")).get()
                    .extracting(SafetensorsEntry::dtype).isEqualTo(SafetensorsDtype.I64);
            assertThat(reader.readAllFloats()).containsOnlyKeys("w");
            assertThatThrownBy(() -> reader.readFloat("embeddings.position_ids"))
                    .isInstanceOf(ModelFormatException.class)
                    .hasMessageContaining("ids.safetensors")
                    .hasMessageContaining("'embeddings.position_ids' is I64, not a floating-point type");
        }
    }

    @Test
    void unknownTensorNameIsAClearError() {
        Path file = SafetensorsFiles.file(dir, "one.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}}", floats(1f));
        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            assertThat(reader.readFloat("w").values()).containsExactly(1f);
            assertThatThrownBy(() -> reader.readFloat("v"))
                    .isInstanceOf(ModelFormatException.class)
                    .hasMessageContaining("no tensor 'v' among its 1 tensors");
        }
    }

    @Test
    void tensorsLargerThanAChunkAreReadWhole() {
        int n = (1 << 20) / 4 * 3 + 5; // three 1 MiB chunks and a bit
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = i * 0.5f;
        }
        Path file = SafetensorsFiles.file(dir, "big.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[" + n + "],\"data_offsets\":[0," + 4L * n + "]}}",
                floats(values));

        assertThat(SafetensorsReader.readFloats(file).get("w").values()).isEqualTo(values);
    }
}
