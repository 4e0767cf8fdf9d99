package dev.contrastive4j.data;

import java.nio.file.Path;

/** Bounds that keep a malformed file from filling the memory of a reader that is meant to stream. */
final class Limits {

    /**
     * The longest row (line, or CSV record with its quoted line breaks) a reader accepts, in characters.
     * A longer one is almost always an unterminated quote or a file that is not text, which would otherwise
     * be gathered whole into memory.
     */
    static final int MAX_ROW_CHARS = 1 << 24;

    private Limits() {
    }

    static DataFormatException rowTooLong(Path file, long line) {
        return new DataFormatException(file, line, null, "expected rows of at most " + MAX_ROW_CHARS
                + " characters, got a longer one (an unterminated quote, or not a text file?)");
    }
}
