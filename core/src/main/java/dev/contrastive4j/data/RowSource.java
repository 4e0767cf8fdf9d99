package dev.contrastive4j.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;

/**
 * The rows of one file as values under named columns, before they are mapped to examples. Both CSV/TSV
 * fields (as JSON strings) and JSON values are {@link JsonNode}s, so that mapping works the same on both.
 */
interface RowSource {

    /** The column names: the CSV/TSV header, or the keys of the first JSON object, in file order. */
    List<String> columns();

    /** The line the column names were read from. */
    long headerLine();

    /**
     * The next row, or {@code null} at the end of the file.
     *
     * @throws DataFormatException when the rest of the file cannot be read; a problem confined to one row
     *     is returned in {@link Row#problem()} instead
     */
    Row next() throws IOException;

    /** The line being read now, for errors raised while reading it (invalid UTF-8). */
    long currentLine();

    /**
     * One row: its values in the order of {@link #columns()}, or the problem that makes it unreadable.
     *
     * @param line the line the row starts on
     * @param values one value per column; {@code null} when {@code problem} is set
     * @param problem what is wrong with the row's structure, or {@code null}
     */
    record Row(long line, List<JsonNode> values, DataFormatException problem) {
    }
}
