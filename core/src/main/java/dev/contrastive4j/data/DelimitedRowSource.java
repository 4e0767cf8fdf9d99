package dev.contrastive4j.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.contrastive4j.data.RecordParser.RecordProblem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of a CSV or TSV file: the first record is the header (names trimmed), and every later record must
 * have exactly as many fields as the header.
 */
final class DelimitedRowSource implements RowSource {

    private final Path file;
    private final RecordParser parser;
    private final List<String> columns;
    private final long headerLine;

    DelimitedRowSource(Path file, RecordParser parser) throws IOException {
        this.file = file;
        this.parser = parser;
        List<String> header;
        try {
            header = parser.next();
        } catch (RecordProblem problem) {
            throw new DataFormatException(file, parser.recordLine(), null,
                    "header field " + (problem.fieldIndex() + 1) + ": " + problem.getMessage());
        }
        if (header == null) {
            throw new DataFormatException(file, 0, null, "expected a header line naming the columns, got an empty file");
        }
        this.headerLine = parser.recordLine();
        List<String> names = new ArrayList<>(header.size());
        for (String name : header) {
            if (name.isBlank()) {
                throw new DataFormatException(file, headerLine, null, "expected a name for every column, got none for "
                        + "column " + (names.size() + 1) + " of the header");
            }
            names.add(name.strip());
        }
        this.columns = List.copyOf(names);
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public long headerLine() {
        return headerLine;
    }

    @Override
    public Row next() throws IOException {
        List<String> fields;
        try {
            fields = parser.next();
        } catch (RecordProblem problem) {
            String column = problem.fieldIndex() < columns.size() ? columns.get(problem.fieldIndex()) : null;
            return bad(column, problem.getMessage());
        }
        if (fields == null) {
            return null;
        }
        if (fields.size() > columns.size()) {
            return bad(null, "expected " + columns.size() + " fields as in the header, got " + fields.size()
                    + " (the first extra one is '" + Texts.excerpt(fields.get(columns.size())) + "')");
        }
        if (fields.size() < columns.size()) {
            return bad(columns.get(fields.size()), "missing: expected " + columns.size()
                    + " fields as in the header, got " + fields.size());
        }
        List<JsonNode> values = new ArrayList<>(fields.size());
        for (String field : fields) {
            values.add(TextNode.valueOf(field));
        }
        return new Row(parser.recordLine(), values, null);
    }

    private Row bad(String column, String reason) {
        long line = parser.recordLine();
        return new Row(line, null, new DataFormatException(file, line, column, reason));
    }

    @Override
    public long currentLine() {
        return parser.currentLine();
    }
}
