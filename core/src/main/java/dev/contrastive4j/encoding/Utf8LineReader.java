package dev.contrastive4j.encoding;

import dev.contrastive4j.data.DataFormatException;
import dev.contrastive4j.spi.ContrastiveException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a text file line by line as strict UTF-8, counting lines, so that every problem can name its line:
 * bytes that are not UTF-8, a line longer than {@value #MAX_LINE_BYTES} bytes, corrupt gzip data. Lines end
 * with LF or CR LF; a final line without a terminator still counts, an empty file has no lines. A leading
 * byte-order mark is skipped. Gzip-compressed files are recognised by their first two bytes, whatever their
 * name.
 *
 * <p>Each line's bytes are decoded on their own, rather than streamed through a {@code Reader}, because a
 * {@code Reader} reports a bad byte only after it has swallowed the characters around it, losing the line.
 */
final class Utf8LineReader implements Closeable {

    /** The longest line accepted, in bytes: a text far beyond any model's token limit is a mistaken file. */
    static final int MAX_LINE_BYTES = 1 << 20;

    private static final int BUFFER_BYTES = 1 << 16;
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;
    private static final String BYTE_ORDER_MARK = "\uFEFF";

    private final Path file;
    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private long lineNumber;

    private Utf8LineReader(Path file, InputStream in) {
        this.file = file;
        this.in = in;
    }

    /**
     * Opens a file, decompressing it if it starts with the gzip magic bytes.
     *
     * @throws ContrastiveException if the file does not exist or is a folder
     */
    static Utf8LineReader open(Path file) {
        if (Files.isDirectory(file)) {
            throw new ContrastiveException("input " + file + ": expected a file, found a folder");
        }
        InputStream in = null;
        try {
            in = new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES);
            in.mark(2);
            boolean gzip = in.read() == GZIP_MAGIC_1 && in.read() == GZIP_MAGIC_2;
            in.reset();
            return new Utf8LineReader(file, gzip ? new BufferedInputStream(new GZIPInputStream(in, BUFFER_BYTES),
                    BUFFER_BYTES) : in);
        } catch (NoSuchFileException e) {
            throw new ContrastiveException("input file not found: " + file);
        } catch (ZipException | EOFException e) {
            closeQuietly(in);
            throw new DataFormatException(file, 0, null, "expected gzip data after the gzip magic bytes, found "
                    + describe(e));
        } catch (IOException e) {
            closeQuietly(in);
            throw new UncheckedIOException("cannot open input file " + file, e);
        }
    }

    /**
     * The next line without its terminator, or {@code null} at the end of the file.
     *
     * @throws DataFormatException if the line is not UTF-8, is too long, or the gzip data is corrupt
     */
    String readLine() {
        line.reset();
        int b;
        try {
            b = in.read();
            if (b < 0) {
                return null;
            }
            while (b >= 0 && b != '\n') {
                if (line.size() == MAX_LINE_BYTES) {
                    throw new DataFormatException(file, lineNumber + 1, null, "expected lines of at most "
                            + MAX_LINE_BYTES + " bytes, found a longer one");
                }
                line.write(b);
                b = in.read();
            }
        } catch (ZipException | EOFException e) {
            throw new DataFormatException(file, lineNumber + 1, null, "expected complete gzip data, found "
                    + describe(e));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read input file " + file, e);
        }
        lineNumber++;
        byte[] bytes = line.toByteArray();
        int length = bytes.length;
        if (b == '\n' && length > 0 && bytes[length - 1] == '\r') {
            length--;
        }
        String text = decode(bytes, length);
        return lineNumber == 1 && text.startsWith(BYTE_ORDER_MARK) ? text.substring(1) : text;
    }

    /** The number of the line last returned (1-based), or 0 before the first. */
    long lineNumber() {
        return lineNumber;
    }

    /** The file being read, as the caller named it. */
    Path file() {
        return file;
    }

    private String decode(byte[] bytes, int length) {
        ByteBuffer input = ByteBuffer.wrap(bytes, 0, length);
        CharBuffer output = CharBuffer.allocate(length); // UTF-8 never gives more UTF-16 chars than bytes
        CoderResult result = decoder.reset().decode(input, output, true);
        if (!result.isError()) {
            result = decoder.flush(output);
        }
        if (result.isError()) {
            int offset = input.position(); // the decoder stops at the start of the bad sequence
            throw new DataFormatException(file, lineNumber, null, String.format(Locale.ROOT,
                    "expected UTF-8 text, found the invalid byte 0x%02X at byte %d of the line",
                    bytes[offset] & 0xff, offset + 1));
        }
        return output.flip().toString();
    }

    private static String describe(IOException e) {
        return e instanceof EOFException ? "a truncated file" : "corrupt data (" + e.getMessage() + ")";
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // Already failing with a clearer error.
            }
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close input file " + file, e);
        }
    }
}
