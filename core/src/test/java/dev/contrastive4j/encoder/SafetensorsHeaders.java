package dev.contrastive4j.encoder;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * Reads a safetensors file's JSON header by the format's definition (8-byte little-endian length, then that
 * many bytes of JSON), independently of the project's reader, so that tests check what Python will see.
 */
final class SafetensorsHeaders {

    private SafetensorsHeaders() {}

    static JsonNode header(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            long length = ByteBuffer.wrap(in.readNBytes(8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
            String json = new String(in.readNBytes(Math.toIntExact(length)), StandardCharsets.UTF_8);
            return JsonFiles.MAPPER.readTree(json);
        }
    }

    /** Tensor name → shape, leaving out {@code __metadata__}. */
    static Map<String, List<Long>> shapes(JsonNode header) {
        Map<String, List<Long>> shapes = new LinkedHashMap<>();
        header.fields().forEachRemaining(entry -> {
            if (!entry.getKey().equals("__metadata__")) {
                shapes.put(entry.getKey(), StreamSupport.stream(entry.getValue().get("shape").spliterator(), false)
                        .map(JsonNode::asLong).toList());
            }
        });
        return shapes;
    }
}
