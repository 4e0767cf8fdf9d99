package dev.contrastive4j.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Rows of a JSON Lines file: one JSON object per line; blank lines are skipped. The keys of the first object
 * are the columns, and every later object must have the same keys, in any order.
 */
final class JsonlRowSource implements RowSource {

    private static final ObjectReader JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build()
            .reader();

    private final Path file;
    private final LineReader lines;
    private final List<String> columns;
    private final Set<String> columnSet;
    private final long headerLine;
    private Row firstRow;

    JsonlRowSource(Path file, LineReader lines) throws IOException {
        this.file = file;
        this.lines = lines;
        String line = nextNonBlankLine();
        if (line == null) {
            throw new DataFormatException(file, 0, null, "expected one JSON object per line, got an empty file");
        }
        this.headerLine = lines.lineNumber();
        JsonNode first;
        try {
            first = parse(line);
        } catch (DataFormatException e) {
            throw new DataFormatException(file, headerLine, null, e.reason()
                    + "; the first row must be valid, as its keys name the columns");
        }
        List<String> keys = new ArrayList<>();
        first.fieldNames().forEachRemaining(keys::add);
        this.columns = List.copyOf(keys);
        this.columnSet = Set.copyOf(keys);
        this.firstRow = toRow(first, headerLine);
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
        if (firstRow != null) {
            Row row = firstRow;
            firstRow = null;
            return row;
        }
        String line = nextNonBlankLine();
        if (line == null) {
            return null;
        }
        long lineNumber = lines.lineNumber();
        try {
            return toRow(parse(line), lineNumber);
        } catch (DataFormatException e) {
            return new Row(lineNumber, null, e);
        }
    }

    private String nextNonBlankLine() throws IOException {
        String line;
        do {
            line = lines.readLine();
        } while (line != null && line.isBlank());
        return line;
    }

    /** Parses one line as a JSON object. */
    private JsonNode parse(String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new DataFormatException(file, lines.lineNumber(), null, "expected valid JSON, got an error "
                    + JsonProblems.describe(e));
        }
        if (!node.isObject()) {
            throw new DataFormatException(file, lines.lineNumber(), null,
                    "expected a JSON object, got " + JsonValues.describe(node));
        }
        return node;
    }

    /** Aligns an object's values with the columns, or reports a missing or unexpected key. */
    private Row toRow(JsonNode object, long line) {
        List<JsonNode> values = new ArrayList<>(columns.size());
        for (String column : columns) {
            JsonNode value = object.get(column);
            if (value == null) {
                return new Row(line, null, new DataFormatException(file, line, column,
                        "missing: every row needs the keys of the first row " + columns));
            }
            values.add(value);
        }
        if (object.size() > columns.size()) {
            Set<String> keys = new HashSet<>();
            for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                keys.add(names.next());
            }
            keys.removeAll(columnSet);
            String extra = keys.iterator().next();
            return new Row(line, null, new DataFormatException(file, line, extra,
                    "unexpected key: every row must have the keys of the first row " + columns + " and no other"));
        }
        return new Row(line, values, null);
    }

    @Override
    public long currentLine() {
        return lines.currentLine();
    }
}
