package dev.contrastive4j.encoder.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and validates a safetensors header. Every size in it is checked against the file before anything of
 * that size is allocated, so a corrupt or hostile file costs at most the (capped) header bytes.
 *
 * <p>Layout: 8-byte little-endian unsigned header length {@code N}; {@code N} bytes of UTF-8 JSON mapping each
 * tensor name to {@code {"dtype", "shape", "data_offsets": [begin, end]}} plus an optional
 * {@code "__metadata__"} object of strings; then the data buffer, which the offsets index.
 */
final class SafetensorsHeaderParser {

    /** The reference implementation's cap; a real header is a few hundred KB at most. */
    static final long MAX_HEADER_BYTES = 100_000_000L;

    static final String METADATA_KEY = "__metadata__";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Path file;

    private SafetensorsHeaderParser(Path file) {
        this.file = file;
    }

    static SafetensorsHeader parse(Path file, FileChannel channel) throws IOException {
        return new SafetensorsHeaderParser(file).parse(channel);
    }

    private SafetensorsHeader parse(FileChannel channel) throws IOException {
        long fileSize = channel.size();
        if (fileSize < 8) {
            throw error("file is " + fileSize + " bytes, too short for the 8-byte header length");
        }
        ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, lengthBytes, 0);
        long headerLength = lengthBytes.flip().getLong();
        // compared as unsigned: a length of 2^63 or more reads as negative
        if (Long.compareUnsigned(headerLength, fileSize - 8) > 0) {
            throw error("header length " + Long.toUnsignedString(headerLength) + " exceeds the "
                    + (fileSize - 8) + " bytes that follow it in the file");
        }
        if (headerLength > MAX_HEADER_BYTES) {
            throw error("header length " + headerLength + " exceeds the " + MAX_HEADER_BYTES + "-byte limit");
        }
        ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
        readFully(channel, headerBytes, 8);
        long dataStart = 8 + headerLength;
        long dataLength = fileSize - dataStart;
        return interpret(parseJson(headerBytes.array()), dataStart, dataLength);
    }

    private JsonNode parseJson(byte[] bytes) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw error("header is not valid JSON" + where + ": " + firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw error("header is not valid JSON: " + firstLine(e.getMessage()), e);
        }
        if (root == null || !root.isObject()) {
            throw error("header must be a JSON object, found " + (root == null ? "nothing" : root.getNodeType()));
        }
        return root;
    }

    private SafetensorsHeader interpret(JsonNode root, long dataStart, long dataLength) {
        Map<String, String> metadata = Map.of();
        List<SafetensorsEntry> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals(METADATA_KEY)) {
                metadata = metadata(field.getValue());
            } else {
                entries.add(entry(field.getKey(), field.getValue(), dataLength));
            }
        }
        checkNoOverlap(entries);
        return new SafetensorsHeader(file, dataStart, dataLength, metadata, entries);
    }

    private Map<String, String> metadata(JsonNode node) {
        if (!node.isObject()) {
            throw error(METADATA_KEY + " must be an object of strings, found " + node.getNodeType());
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getValue().isTextual()) {
                throw error(METADATA_KEY + " value '" + field.getKey() + "' must be a string, found "
                        + field.getValue().getNodeType());
            }
            metadata.put(field.getKey(), field.getValue().textValue());
        }
        return metadata;
    }

    private SafetensorsEntry entry(String name, JsonNode node, long dataLength) {
        if (!node.isObject()) {
            throw tensorError(name, "description must be an object, found " + node.getNodeType());
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw tensorError(name, "\"dtype\" must be a string");
        }
        SafetensorsDtype dtype = SafetensorsDtype.fromHeaderName(dtypeNode.textValue()).orElseThrow(
                () -> tensorError(name, "unknown dtype '" + dtypeNode.textValue() + "', expected one of "
                        + Arrays.toString(SafetensorsDtype.values())));
        long[] shape = longArray(name, "shape", node.get("shape"), -1);
        long[] offsets = longArray(name, "data_offsets", node.get("data_offsets"), 2);
        for (long dim : shape) {
            if (dim < 0) {
                throw tensorError(name, "negative dimension in shape " + Arrays.toString(shape));
            }
        }
        long begin = offsets[0];
        long end = offsets[1];
        if (begin < 0 || end < 0 || begin > end) {
            throw tensorError(name, "data_offsets [" + begin + ", " + end + "] must satisfy 0 <= begin <= end");
        }
        if (end > dataLength) {
            throw tensorError(name, "data_offsets [" + begin + ", " + end + "] run past the end of the "
                    + dataLength + "-byte data buffer");
        }
        long expectedBytes;
        try {
            expectedBytes = Math.multiplyExact(FloatTensor.elementCount(shape), dtype.byteSize());
        } catch (ArithmeticException e) {
            throw tensorError(name, "shape " + Arrays.toString(shape) + " of " + dtype + " overflows 64 bits");
        }
        if (expectedBytes != end - begin) {
            throw tensorError(name, "shape " + Arrays.toString(shape) + " of " + dtype + " needs " + expectedBytes
                    + " bytes, but data_offsets [" + begin + ", " + end + "] span " + (end - begin));
        }
        return new SafetensorsEntry(name, dtype, shape, begin, end);
    }

    /** A JSON array of integers that fit a long; {@code requiredLength} -1 accepts any length. */
    private long[] longArray(String name, String field, JsonNode node, int requiredLength) {
        if (node == null || !node.isArray()) {
            throw tensorError(name, "\"" + field + "\" must be an array of integers");
        }
        if (requiredLength >= 0 && node.size() != requiredLength) {
            throw tensorError(name, "\"" + field + "\" must hold " + requiredLength + " integers, found "
                    + node.size());
        }
        long[] values = new long[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode element = node.get(i);
            if (!element.isIntegralNumber() || !element.canConvertToLong()) {
                throw tensorError(name, "\"" + field + "\"[" + i + "] must be an integer within 64 bits, found "
                        + element);
            }
            values[i] = element.longValue();
        }
        return values;
    }

    private void checkNoOverlap(List<SafetensorsEntry> entries) {
        List<SafetensorsEntry> byBegin = entries.stream()
                .filter(e -> e.byteLength() > 0)
                .sorted(Comparator.comparingLong(SafetensorsEntry::begin))
                .toList();
        SafetensorsEntry furthest = null;
        for (SafetensorsEntry entry : byBegin) {
            if (furthest != null && entry.begin() < furthest.end()) {
                throw tensorError(entry.name(), "byte range [" + entry.begin() + ", " + entry.end()
                        + ") overlaps tensor '" + furthest.name() + "' at [" + furthest.begin() + ", "
                        + furthest.end() + ")");
            }
            if (furthest == null || entry.end() > furthest.end()) {
                furthest = entry;
            }
        }
    }

    private void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                throw error("file ended while reading the header (it shrank while being read?)");
            }
        }
    }

    private ModelFormatException tensorError(String name, String problem) {
        return error("tensor '" + name + "': " + problem);
    }

    private ModelFormatException error(String problem) {
        return new ModelFormatException(file + ": " + problem);
    }

    private ModelFormatException error(String problem, Throwable cause) {
        return new ModelFormatException(file + ": " + problem, cause);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
