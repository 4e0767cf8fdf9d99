package dev.contrastive4j.converters;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * A gzip stream (RFC 1952) whose bytes depend on the content alone: the header carries no file name, a
 * modification time of 0 and the operating system "unknown" (255), and the compression level is fixed.
 *
 * <p>{@link java.util.zip.GZIPOutputStream} happens to write a zero time too, but its operating-system byte
 * changed between JDK releases; writing the header here keeps committed files identical across JDKs. The
 * DEFLATE stream itself comes from the zlib the JDK uses: stock zlib has encoded identically for years at a
 * fixed level, but a JDK linked against another deflate implementation (zlib-ng, for one) may encode the same
 * content differently.
 */
public final class ReproducibleGzipOutputStream extends FilterOutputStream {

    private static final byte[] HEADER = {
        0x1f, (byte) 0x8b, // magic
        Deflater.DEFLATED, // compression method
        0, // flags: no name, no comment, no extra field
        0, 0, 0, 0, // modification time: none
        0, // extra flags
        (byte) 255 // operating system: unknown
    };

    /** zlib's default level: level 9 saves about 1% on text at more than twice the time. */
    private static final int LEVEL = 6;

    private final Deflater deflater;
    private final DeflaterOutputStream deflating;
    private final CRC32 crc = new CRC32();
    private long uncompressedSize;
    private boolean closed;

    /** Compresses at level 6, always; the header goes out at once. */
    public ReproducibleGzipOutputStream(OutputStream out) throws IOException {
        super(out);
        out.write(HEADER);
        deflater = new Deflater(LEVEL, true);
        deflating = new DeflaterOutputStream(out, deflater, 64 * 1024);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        deflating.write(bytes, offset, length);
        crc.update(bytes, offset, length);
        uncompressedSize += length;
    }

    @Override
    public void flush() throws IOException {
        // Flushing a DEFLATE stream mid-way would change its bytes; the data is complete only at close.
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            deflating.finish();
            writeLittleEndianInt(crc.getValue());
            writeLittleEndianInt(uncompressedSize); // ISIZE is the size modulo 2^32
            out.flush();
        } finally {
            deflater.end();
            out.close();
        }
    }

    private void writeLittleEndianInt(long value) throws IOException {
        for (int shift = 0; shift < 32; shift += 8) {
            out.write((int) (value >>> shift) & 0xff);
        }
    }
}
