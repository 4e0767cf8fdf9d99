package dev.contrastive4j.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a byte stream as strict UTF-8, one character at a time, and rejects invalid bytes instead of
 * replacing them with U+FFFD.
 *
 * <p>{@link java.io.InputStreamReader} is not used because, on an invalid byte, it throws away the characters
 * it had already decoded in the same call, so the caller could not tell which line the bad byte is on.
 * Here every valid character before the bad byte is delivered first, and the error comes exactly when
 * reading reaches it. A leading byte-order mark is skipped.
 */
final class Utf8Input implements Closeable {

    private static final int BUFFER_SIZE = 1 << 16;
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER_SIZE).flip();
    private final CharBuffer chars = CharBuffer.allocate(BUFFER_SIZE);
    private final char[] charArray = chars.array();
    private int position;
    private int limit;
    private long bytesRead;
    private boolean endOfInput;
    private boolean flushed;
    private InvalidUtf8Exception pendingError;
    private boolean started;

    Utf8Input(InputStream in) {
        this.in = in;
    }

    /**
     * The next character, or -1 at the end of the input.
     *
     * @throws InvalidUtf8Exception when the next bytes are not valid UTF-8
     */
    int read() throws IOException {
        if (position < limit) {
            return charArray[position++];
        }
        if (!fill()) {
            return -1;
        }
        if (!started) {
            started = true;
            if (charArray[position] == BYTE_ORDER_MARK) {
                position++;
                return read();
            }
        }
        return charArray[position++];
    }

    /** Decodes the next run of characters into the buffer; false at the end of the input. */
    private boolean fill() throws IOException {
        if (pendingError != null) {
            throw pendingError;
        }
        if (flushed) {
            return false;
        }
        chars.clear();
        while (chars.position() == 0) {
            CoderResult result = decoder.decode(bytes, chars, endOfInput);
            if (result.isError()) {
                pendingError = invalid(result);
                if (chars.position() == 0) {
                    throw pendingError;
                }
                break;
            }
            if (result.isOverflow()) {
                break;
            }
            if (endOfInput) {
                decoder.flush(chars);
                flushed = true;
                break;
            }
            readBytes();
        }
        position = 0;
        limit = chars.position();
        return limit > 0;
    }

    private void readBytes() throws IOException {
        bytes.compact();
        int count = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (count < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + count);
            bytesRead += count;
        }
        bytes.flip();
    }

    private InvalidUtf8Exception invalid(CoderResult result) {
        long offset = bytesRead - bytes.remaining();
        StringBuilder found = new StringBuilder();
        int shown = Math.min(Math.max(result.length(), 1), bytes.remaining());
        for (int i = 0; i < shown; i++) {
            found.append(found.length() == 0 ? "" : " ")
                    .append(String.format("0x%02X", bytes.get(bytes.position() + i) & 0xff));
        }
        String what = shown == 0 ? "a truncated character at the end" : "byte " + found;
        return new InvalidUtf8Exception("expected UTF-8 text, got " + what + " at byte offset " + offset
                + " (is the file in another encoding, such as Latin-1 or UTF-16?)");
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Bytes that are not UTF-8; the message says which bytes, where, and what may be the cause. */
    static final class InvalidUtf8Exception extends IOException {

        private static final long serialVersionUID = 1L;

        InvalidUtf8Exception(String message) {
            super(message);
        }
    }
}
