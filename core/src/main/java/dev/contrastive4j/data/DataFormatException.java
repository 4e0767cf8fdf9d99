package dev.contrastive4j.data;

import dev.contrastive4j.spi.ContrastiveException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A data file that cannot be read as examples: its message names the file, the 1-based line, the column
 * (when one is to blame) and the reason, for instance
 * {@code train.jsonl:17: column 'score': expected a number in [0, 1], got '1.7'}.
 *
 * <p>For a problem with a row that spans several lines (a quoted CSV field with newlines), the line is the
 * one the row starts on. A problem with the whole file (it is empty) has line 0 and no line in its message.
 */
public class DataFormatException extends ContrastiveException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long line;
    private final String column;
    private final String reason;

    /**
     * @param file the file as the caller named it
     * @param line the 1-based line, or 0 when the problem concerns the whole file
     * @param column the column (CSV/TSV header name or JSON key) to blame, or {@code null}
     * @param reason what was expected and what was found
     */
    public DataFormatException(Path file, long line, String column, String reason) {
        super(message(file, line, column, reason));
        this.file = Objects.requireNonNull(file, "file");
        this.line = line;
        this.column = column;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    private static String message(Path file, long line, String column, String reason) {
        StringBuilder message = new StringBuilder().append(file);
        if (line > 0) {
            message.append(':').append(line);
        }
        message.append(": ");
        if (column != null) {
            message.append("column '").append(column).append("': ");
        }
        return message.append(reason).toString();
    }

    /** The file, as the caller named it. */
    public Path file() {
        return file;
    }

    /** The 1-based line the problem is on (where its row starts), or 0 when it concerns the whole file. */
    public long line() {
        return line;
    }

    /** The column to blame, or {@code null} when the problem is not in one column. */
    public String column() {
        return column;
    }

    /** What was expected and what was found, without the location. */
    public String reason() {
        return reason;
    }
}
