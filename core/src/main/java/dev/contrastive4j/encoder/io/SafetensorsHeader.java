package dev.contrastive4j.encoder.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A validated safetensors header: where the data buffer starts and what it holds.
 *
 * @param file the file it was read from (for messages)
 * @param dataStart absolute file position of the data buffer ({@code 8 + header length})
 * @param dataLength bytes in the data buffer (the rest of the file)
 * @param metadata the free-form {@code __metadata__} strings, empty when absent
 * @param entries the tensors in header order
 */
record SafetensorsHeader(Path file, long dataStart, long dataLength, Map<String, String> metadata,
                         List<SafetensorsEntry> entries) {

    SafetensorsHeader {
        metadata = Map.copyOf(metadata);
        entries = List.copyOf(entries);
    }
}
