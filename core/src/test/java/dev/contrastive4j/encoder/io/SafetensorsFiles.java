package dev.contrastive4j.encoder.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helper: hand-built safetensors files, valid or not. */
final class SafetensorsFiles {

    private SafetensorsFiles() {
    }

    /** A file with the given header JSON (its real length as header length) followed by {@code data}. */
    static Path file(Path dir, String name, String headerJson, byte[] data) {
        byte[] header = headerJson.getBytes(StandardCharsets.UTF_8);
        return file(dir, name, header.length, header, data);
    }

    /** A file whose header length field says {@code declaredLength}, whatever follows. */
    static Path file(Path dir, String name, long declaredLength, byte[] header, byte[] data) {
        ByteBuffer bytes = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putLong(declaredLength).put(header).put(data);
        return write(dir.resolve(name), bytes.array());
    }

    static Path write(Path file, byte[] bytes) {
        try {
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] floats(float... values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return bytes.array();
    }

    static byte[] shorts(int... values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            bytes.putShort((short) v);
        }
        return bytes.array();
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        ByteBuffer all = ByteBuffer.allocate(length);
        for (byte[] p : parts) {
            all.put(p);
        }
        return all.array();
    }
}
