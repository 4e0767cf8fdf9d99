package dev.contrastive4j.converters.wordnet;

import dev.contrastive4j.spi.ContrastiveException;

/** A WordNet database file does not follow the wndb(5WN) format; the message names the file, line and column. */
public class WordNetFormatException extends ContrastiveException {

    private static final long serialVersionUID = 1L;

    public WordNetFormatException(String fileName, int lineNumber, int column, String expected, String found) {
        super(fileName + " line " + lineNumber + ", column " + column + ": expected " + expected + ", found "
                + found);
    }

    public WordNetFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
