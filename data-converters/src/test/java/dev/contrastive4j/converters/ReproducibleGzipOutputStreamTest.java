package dev.contrastive4j.converters;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class ReproducibleGzipOutputStreamTest {

    private static final byte[] TEXT = "{\"anchor\":\"a\"}\n".repeat(1_000).getBytes(StandardCharsets.UTF_8);

    @Test
    void headerHasNoTimeNoNameAndUnknownOperatingSystem() throws IOException {
        byte[] gzip = gzip(TEXT);

        // RFC 1952: ID1 ID2 CM FLG MTIME(4) XFL OS
        assertThat(Arrays.copyOf(gzip, 10)).containsExactly(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff);
    }

    @Test
    void standardReaderGetsTheContentBack() throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip(TEXT)))) {
            assertThat(in.readAllBytes()).isEqualTo(TEXT);
        }
    }

    @Test
    void trailerHoldsTheUncompressedSize() throws IOException {
        byte[] gzip = gzip(TEXT);

        int size = ByteBuffer.wrap(gzip, gzip.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        assertThat(size).isEqualTo(TEXT.length);
    }

    @Test
    void sameContentGivesSameBytesWhateverTheWriteSizes() throws IOException {
        ByteArrayOutputStream byteByByte = new ByteArrayOutputStream();
        try (ReproducibleGzipOutputStream out = new ReproducibleGzipOutputStream(byteByByte)) {
            for (byte b : TEXT) {
                out.write(b);
            }
            out.flush();
        }

        assertThat(byteByByte.toByteArray()).isEqualTo(gzip(TEXT));
    }

    @Test
    void emptyContentIsAValidGzipFile() throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip(new byte[0])))) {
            assertThat(in.readAllBytes()).isEmpty();
        }
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ReproducibleGzipOutputStream out = new ReproducibleGzipOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }
}
