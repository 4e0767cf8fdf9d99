package dev.contrastive4j.encoder.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsWriterTest {

    @TempDir
    Path dir;

    private static Map<String, FloatTensor> sample() {
        Map<String, FloatTensor> tensors = new LinkedHashMap<>();
        tensors.put("encoder.layer.0.attention.self.query.weight",
                new FloatTensor(new long[] {2, 3}, new float[] {1f, -2f, 3.5f, 0f, 1e-8f, Float.MAX_VALUE}));
        tensors.put("embeddings.LayerNorm.bias", new FloatTensor(new long[] {2}, new float[] {0.25f, -0.75f}));
        tensors.put("scalar", new FloatTensor(new long[] {}, new float[] {42f}));
        tensors.put("empty", new FloatTensor(new long[] {0, 3}, new float[] {}));
        return tensors;
    }

    @Test
    void roundTripKeepsOrderNamesShapesAndValues() {
        Path file = dir.resolve("model.safetensors");
        SafetensorsWriter.write(file, sample());

        Map<String, FloatTensor> read = SafetensorsReader.readFloats(file);

        assertThat(read.keySet()).containsExactlyElementsOf(sample().keySet());
        assertThat(read).isEqualTo(sample());
    }

    @Test
    void layoutIsSpacePaddedJsonWithPytorchFormatThenLittleEndianFloats() throws IOException {
        Path file = dir.resolve("model.safetensors");
        SafetensorsWriter.write(file, sample());
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);

        long headerLength = bytes.getLong();
        assertThat(headerLength % 8).isZero();
        byte[] header = new byte[(int) headerLength];
        bytes.get(header);
        JsonNode json = new ObjectMapper().readTree(header);
        assertThat(json.get("__metadata__").get("format").asText()).isEqualTo("pt");
        JsonNode query = json.get("encoder.layer.0.attention.self.query.weight");
        assertThat(query.get("dtype").asText()).isEqualTo("F32");
        assertThat(query.get("shape").toString()).isEqualTo("[2,3]");
        assertThat(query.get("data_offsets").toString()).isEqualTo("[0,24]");
        assertThat(json.get("embeddings.LayerNorm.bias").get("data_offsets").toString()).isEqualTo("[24,32]");
        assertThat(json.get("scalar").get("shape").toString()).isEqualTo("[]");
        // 1.0f is 0x3F800000, stored little-endian
        assertThat(Arrays.copyOfRange(bytes.array(), 8 + (int) headerLength, 12 + (int) headerLength))
                .containsExactly(0x00, 0x00, 0x80, 0x3F);
        assertThat(bytes.remaining()).isEqualTo((6 + 2 + 1) * 4);
    }

    @Test
    void replacesAnExistingFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("model.safetensors");
        Files.writeString(file, "old content");

        SafetensorsWriter.write(file, sample(), Map.of());

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            assertThat(reader.metadata()).isEmpty();
            assertThat(reader.readAllFloats()).isEqualTo(sample());
        }
    }

    @Test
    void refusesTheReservedMetadataName() {
        Map<String, FloatTensor> tensors = Map.of("__metadata__", new FloatTensor(new long[] {1}, new float[] {1}));
        assertThatThrownBy(() -> SafetensorsWriter.write(dir.resolve("x.safetensors"), tensors))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("__metadata__");
    }
}
