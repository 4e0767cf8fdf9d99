package dev.contrastive4j.encoding;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Embeddings as a NumPy {@code .npy} file, format version 1.0: a {@code (rows, dimension)} little-endian
 * {@code float32} matrix in C order, readable with {@code numpy.load}. The header is written as NumPy's own
 * {@code numpy.save} writes it, byte for byte: the dictionary
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (rows, dimension), }}, then spaces (room for the
 * row count to grow to 21 digits, and alignment) and a newline, so that the data starts at a multiple of 64
 * bytes. Ids are not stored: row {@code i} is the {@code i}-th input text.
 */
final class NpyEmbeddingWriter implements EmbeddingWriter {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    /** NumPy's {@code ARRAY_ALIGN}: the data starts at a multiple of it. */
    private static final int ARRAY_ALIGN = 64;
    /** NumPy's {@code GROWTH_AXIS_MAX_DIGITS}: spare header room for the first axis to grow in place. */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;

    private final OutputStream out;
    private final int rows;
    private final int dimension;
    private final ByteBuffer row;
    private int written;

    NpyEmbeddingWriter(OutputStream out, int rows, int dimension) throws IOException {
        this.out = out;
        this.rows = rows;
        this.dimension = dimension;
        this.row = ByteBuffer.allocate(Float.BYTES * dimension).order(ByteOrder.LITTLE_ENDIAN);
        out.write(header(rows, dimension));
    }

    /** The magic string, version, header length and padded header of a {@code (rows, dimension)} float32 matrix. */
    static byte[] header(long rows, long dimension) {
        String dictionary = String.format(Locale.ROOT, "{'descr': '<f4', 'fortran_order': False, 'shape': (%d, %d), }",
                rows, dimension);
        StringBuilder header = new StringBuilder(dictionary)
                .append(" ".repeat(GROWTH_AXIS_MAX_DIGITS - Long.toString(rows).length()));
        int withNewline = header.length() + 1;
        int padding = ARRAY_ALIGN - (MAGIC.length + Short.BYTES + withNewline) % ARRAY_ALIGN;
        header.append(" ".repeat(padding)).append('\n');
        byte[] text = header.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer bytes = ByteBuffer.allocate(MAGIC.length + Short.BYTES + text.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.put(MAGIC).putShort((short) text.length).put(text);
        return bytes.array();
    }

    @Override
    public void write(JsonNode id, float[] embedding) throws IOException {
        if (embedding.length != dimension) {
            throw new IllegalArgumentException("expected " + dimension + " floats, got " + embedding.length);
        }
        if (written == rows) {
            throw new IllegalStateException("the header promised " + rows + " rows; no room for another");
        }
        row.clear();
        row.asFloatBuffer().put(embedding);
        out.write(row.array());
        written++;
    }

    /** Checks that as many rows were written as the header promised. */
    @Override
    public void close() throws IOException {
        out.flush();
        if (written != rows) {
            throw new IllegalStateException("the header promised " + rows + " rows, " + written + " were written");
        }
    }
}
