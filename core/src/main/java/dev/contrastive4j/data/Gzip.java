package dev.contrastive4j.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens files that may be gzip-compressed, telling by their content rather than their name. */
final class Gzip {

    private static final int BUFFER_BYTES = 1 << 16;

    private Gzip() {
    }

    /**
     * Opens a file for reading, decompressing it when it starts with the gzip magic bytes {@code 1f 8b},
     * whatever its name says: a {@code .gz} file that is not compressed is read as it is, and a compressed
     * file without {@code .gz} is still decompressed.
     */
    static InputStream openDetecting(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES);
        try {
            in.mark(2);
            int first = in.read();
            int second = in.read();
            in.reset();
            boolean gzip = first == 0x1f && second == 0x8b;
            return gzip ? new GZIPInputStream(in, BUFFER_BYTES) : in;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }
}
