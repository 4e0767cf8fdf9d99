package dev.contrastive4j.data;

import java.io.IOException;
import java.util.List;

/** Cuts delimited text (CSV or TSV) into records of fields, skipping empty lines. */
interface RecordParser {

    /**
     * The fields of the next record, or {@code null} at the end of the input.
     *
     * @throws RecordProblem when the record is malformed; the parser has then consumed the whole record and
     *     can go on with the next
     * @throws DataFormatException when the rest of the input cannot be read (an unterminated quote)
     */
    List<String> next() throws IOException, RecordProblem;

    /** The line the record last returned (or rejected) starts on. */
    long recordLine();

    /** The line being read now, for errors raised while reading it. */
    long currentLine();

    /** A malformed record, found after the record was read to its end. */
    final class RecordProblem extends Exception {

        private static final long serialVersionUID = 1L;

        private final int fieldIndex;

        /**
         * @param fieldIndex the 0-based field that is malformed
         * @param reason what was expected and what was found
         */
        RecordProblem(int fieldIndex, String reason) {
            // No stack trace: this describes a place in a file, and a file may hold very many bad rows.
            super(reason, null, false, false);
            this.fieldIndex = fieldIndex;
        }

        int fieldIndex() {
            return fieldIndex;
        }
    }
}
