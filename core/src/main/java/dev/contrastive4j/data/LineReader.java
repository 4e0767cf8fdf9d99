package dev.contrastive4j.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Splits decoded text into lines ended by LF or CR LF, counting them. A CR that is not followed by LF
 * stays in the line.
 */
final class LineReader {

    private final Path file;
    private final Utf8Input in;
    private final StringBuilder line = new StringBuilder();
    private long lineNumber;

    LineReader(Path file, Utf8Input in) {
        this.file = file;
        this.in = in;
    }

    /** The next line without its terminator, or {@code null} at the end of the input. */
    String readLine() throws IOException {
        line.setLength(0);
        int c = in.read();
        if (c < 0) {
            return null;
        }
        while (c >= 0 && c != '\n') {
            if (line.length() == Limits.MAX_ROW_CHARS) {
                throw Limits.rowTooLong(file, lineNumber + 1);
            }
            line.append((char) c);
            c = in.read();
        }
        lineNumber++;
        int length = line.length();
        if (c == '\n' && length > 0 && line.charAt(length - 1) == '\r') {
            line.setLength(length - 1);
        }
        return line.toString();
    }

    /** The number of the line last returned (1-based), or 0 before the first. */
    long lineNumber() {
        return lineNumber;
    }

    /** The number of the line being read now, for errors raised while reading it. */
    long currentLine() {
        return lineNumber + 1;
    }
}
