package dev.contrastive4j.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 4180 CSV parser. Fields are separated by commas and records by LF or CR LF. A field that starts
 * with a double quote is quoted: it ends at the next single quote character, and may hold commas, line
 * breaks and doubled quotes ({@code ""} for one {@code "}) in between. Spaces are part of fields.
 *
 * <p>Two malformations are reported per record, after the record was read to its end so that reading can
 * go on: a quote inside an unquoted field, and text after a closing quote. A quote still open at the end
 * of the input is fatal, since it swallowed the rest of the file. Line numbers count every line break,
 * including those inside quoted fields.
 */
final class CsvRecordParser implements RecordParser {

    private static final int END = -1;

    private final Path file;
    private final Utf8Input in;
    private final StringBuilder field = new StringBuilder();
    private long linesEnded;
    private long recordLine;
    private int pushedBack = Integer.MIN_VALUE;
    private int recordChars;

    CsvRecordParser(Path file, Utf8Input in) {
        this.file = file;
        this.in = in;
    }

    @Override
    public List<String> next() throws IOException, RecordProblem {
        int c = skipEmptyLines();
        if (c == END) {
            return null;
        }
        recordLine = linesEnded + 1;
        recordChars = 0;
        List<String> fields = new ArrayList<>();
        RecordProblem problem = null;
        while (true) {
            field.setLength(0);
            boolean quoted = c == '"';
            if (quoted) {
                c = readQuoted(linesEnded + 1);
                // After the closing quote comes a separator or the end of the row; anything else is malformed.
                if (!isFieldEnd(c) && problem == null) {
                    problem = new RecordProblem(fields.size(), "expected a comma or the end of the row after "
                            + "a closing quote, got '" + printable(c) + "' (double a quote inside a quoted field)");
                }
            }
            // An unquoted field, or stray text after a closing quote, runs to the next separator, so that a
            // malformed row still ends where it should and the next row can be read.
            c = readUnquoted(c);
            if (!quoted && problem == null && field.indexOf("\"") >= 0) {
                problem = new RecordProblem(fields.size(), "expected no quote in an unquoted field, got '"
                        + Texts.excerpt(field.toString()) + "' (enclose the field in quotes and double the quotes in it)");
            }
            fields.add(field.toString());
            if (c != ',') {
                break;
            }
            c = read();
        }
        if (problem != null) {
            throw problem;
        }
        return fields;
    }

    /** Reads an unquoted field's characters, starting with {@code c}; returns the character that ended it. */
    private int readUnquoted(int c) throws IOException {
        while (!isFieldEnd(c)) {
            append(c);
            c = read();
        }
        return c;
    }

    /** Reads a quoted field after its opening quote; returns the character after the closing quote. */
    private int readQuoted(long quoteLine) throws IOException {
        while (true) {
            int c = read();
            if (c == END) {
                throw new DataFormatException(file, quoteLine, null,
                        "expected a closing quote for the field opened on this line, got the end of the file");
            }
            if (c == '"') {
                int after = read();
                if (after != '"') {
                    return after;
                }
            }
            append(c);
        }
    }

    /**
     * Whether {@code c} ends a field: a comma, the end of input, or a line break (LF, or CR followed by
     * LF). A CR not followed by LF is ordinary text.
     */
    private boolean isFieldEnd(int c) throws IOException {
        if (c == ',' || c == '\n' || c == END) {
            return true;
        }
        if (c == '\r') {
            int next = read();
            unread(next);
            return next == '\n';
        }
        return false;
    }

    /** Skips lines with nothing on them; returns the first character of the next record, or END. */
    private int skipEmptyLines() throws IOException {
        while (true) {
            int c = read();
            if (c == '\r') {
                int next = read();
                if (next == '\n') {
                    continue;
                }
                unread(next);
                return c;
            }
            if (c != '\n') {
                return c;
            }
        }
    }

    private void append(int c) {
        if (++recordChars > Limits.MAX_ROW_CHARS) {
            throw Limits.rowTooLong(file, recordLine);
        }
        field.append((char) c);
    }

    /** The next character; counts the line breaks it passes. */
    private int read() throws IOException {
        int c;
        if (pushedBack != Integer.MIN_VALUE) {
            c = pushedBack;
            pushedBack = Integer.MIN_VALUE;
        } else {
            c = in.read();
        }
        if (c == '\n') {
            linesEnded++;
        }
        return c;
    }

    private void unread(int c) {
        if (c == '\n') {
            linesEnded--;
        }
        pushedBack = c;
    }

    private static String printable(int c) {
        return c == '\r' ? "\\r" : String.valueOf((char) c);
    }

    @Override
    public long recordLine() {
        return recordLine;
    }

    @Override
    public long currentLine() {
        return linesEnded + 1;
    }
}
