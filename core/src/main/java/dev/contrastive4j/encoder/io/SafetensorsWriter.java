package dev.contrastive4j.encoder.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contrastive4j.files.TemporaryPaths;
import dev.contrastive4j.spi.ContrastiveException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * Writes float32 tensors as a <a href="https://github.com/huggingface/safetensors">safetensors</a> file that
 * Python's {@code safetensors} / {@code transformers} load.
 *
 * <p>Tensors are stored in the map's iteration order. The JSON header is padded with spaces to a multiple of
 * 8 bytes, as the reference writer does, so that the data buffer is aligned. The file is written to a
 * temporary file in the same folder and renamed over the target, so a crash never leaves a half-written file
 * under the final name.
 */
public final class SafetensorsWriter {

    /** The metadata Python's {@code transformers} expects on a PyTorch checkpoint. */
    public static final Map<String, String> PYTORCH_METADATA = Map.of("format", "pt");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK_FLOATS = 1 << 18;

    private SafetensorsWriter() {
    }

    /** Writes {@code tensors} with {@link #PYTORCH_METADATA}. */
    public static void write(Path file, Map<String, FloatTensor> tensors) {
        write(file, tensors, PYTORCH_METADATA);
    }

    /**
     * Writes {@code tensors}, in iteration order, with the given {@code __metadata__} strings.
     *
     * @throws IllegalArgumentException for a tensor named {@code __metadata__} or the empty string
     * @throws ContrastiveException if the file cannot be written
     */
    public static void write(Path file, Map<String, FloatTensor> tensors, Map<String, String> metadata) {
        Objects.requireNonNull(file, "file");
        byte[] header = header(tensors, metadata);
        Path target = file.toAbsolutePath();
        Path temp = null;
        try {
            temp = TemporaryPaths.createFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                writeFully(out, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).flip());
                writeFully(out, ByteBuffer.wrap(header));
                ByteBuffer chunk = ByteBuffer.allocate(CHUNK_FLOATS * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                for (FloatTensor tensor : tensors.values()) {
                    writeValues(out, tensor.values(), chunk);
                }
                out.force(true);
            }
            moveIntoPlace(temp, target);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new ContrastiveException("cannot write safetensors file " + target + ": " + e, e);
        } catch (RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    /** The JSON header, space-padded to a multiple of 8 bytes. */
    private static byte[] header(Map<String, FloatTensor> tensors, Map<String, String> metadata) {
        ObjectNode root = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(SafetensorsHeaderParser.METADATA_KEY);
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, FloatTensor> entry : tensors.entrySet()) {
            String name = Objects.requireNonNull(entry.getKey(), "tensor name");
            FloatTensor tensor = Objects.requireNonNull(entry.getValue(), name);
            if (name.isEmpty() || name.equals(SafetensorsHeaderParser.METADATA_KEY)) {
                throw new IllegalArgumentException("invalid tensor name '" + name + "'");
            }
            long end = offset + (long) tensor.values().length * Float.BYTES;
            ObjectNode description = root.putObject(name);
            description.put("dtype", SafetensorsDtype.F32.name());
            ArrayNode shape = description.putArray("shape");
            for (long dim : tensor.shape()) {
                shape.add(dim);
            }
            description.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json;
        try {
            json = JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a header of strings and numbers", e);
        }
        int padded = (json.length + 7) / 8 * 8;
        byte[] header = Arrays.copyOf(json, padded);
        Arrays.fill(header, json.length, padded, (byte) ' ');
        return header;
    }

    private static void writeValues(FileChannel out, float[] values, ByteBuffer chunk) throws IOException {
        for (int from = 0; from < values.length; from += CHUNK_FLOATS) {
            int count = Math.min(CHUNK_FLOATS, values.length - from);
            chunk.clear();
            chunk.asFloatBuffer().put(values, from, count);
            chunk.limit(count * Float.BYTES);
            writeFully(out, chunk);
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // same folder, so this only happens on exotic file systems; a plain replace is the best left
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // the write failure is the one worth reporting
        }
    }
}
