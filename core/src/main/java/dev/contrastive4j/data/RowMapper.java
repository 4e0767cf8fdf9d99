package dev.contrastive4j.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contrastive4j.data.RowSource.Row;
import dev.contrastive4j.spi.Example;
import dev.contrastive4j.spi.Pair;
import dev.contrastive4j.spi.ScoredPair;
import dev.contrastive4j.spi.Triplet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a row's values into an example, checking each value: texts must be non-blank strings, a score a
 * number in [0, 1] (a JSON number or a numeric string), and every row must have as many negatives as the
 * first row that was read. In JSONL a negative column may hold an array of texts.
 */
final class RowMapper {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

    private final Path file;
    private final ColumnMapping mapping;
    private final int[] textIndexes;
    private final int scoreIndex;
    private int negativeCount = -1;

    RowMapper(Path file, ColumnMapping mapping, List<String> columns) {
        this.file = file;
        this.mapping = mapping;
        this.textIndexes = mapping.textColumns().stream().mapToInt(columns::indexOf).toArray();
        this.scoreIndex = mapping.scoreColumn() == null ? -1 : columns.indexOf(mapping.scoreColumn());
    }

    /**
     * The example a structurally sound row holds.
     *
     * @throws DataFormatException naming the row's line and the column at fault
     */
    Example toExample(Row row) {
        List<JsonNode> values = row.values();
        List<String> columns = mapping.textColumns();
        String first = text(row, values.get(textIndexes[0]), columns.get(0));
        String second = text(row, values.get(textIndexes[1]), columns.get(1));
        return switch (mapping.format()) {
            case PAIR -> new Pair(first, second);
            case SCORED_PAIR -> new ScoredPair(first, second, score(row, values.get(scoreIndex)));
            case TRIPLET -> new Triplet(first, second, negatives(row));
        };
    }

    private List<String> negatives(Row row) {
        List<String> negatives = new ArrayList<>();
        for (int i = 2; i < textIndexes.length; i++) {
            String column = mapping.textColumns().get(i);
            JsonNode value = row.values().get(textIndexes[i]);
            if (value.isArray()) {
                for (int element = 0; element < value.size(); element++) {
                    negatives.add(text(row, value.get(element), column, "element " + (element + 1) + ": "));
                }
            } else if (value.isTextual()) {
                negatives.add(text(row, value, column));
            } else {
                throw error(row, column, "expected a string or an array of strings, got " + JsonValues.describe(value));
            }
        }
        String blamed = textIndexes.length == 3 ? mapping.textColumns().get(2) : null;
        if (negatives.isEmpty()) {
            throw error(row, blamed, "expected at least one negative, got none");
        }
        if (negativeCount < 0) {
            negativeCount = negatives.size();
        } else if (negatives.size() != negativeCount) {
            throw error(row, blamed, "expected " + negativeCount + " negatives as in the first row, got "
                    + negatives.size());
        }
        return negatives;
    }

    private String text(Row row, JsonNode value, String column) {
        return text(row, value, column, "");
    }

    private String text(Row row, JsonNode value, String column, String where) {
        if (!value.isTextual()) {
            throw error(row, column, where + "expected a string, got " + JsonValues.describe(value));
        }
        String text = value.textValue();
        if (text.isBlank()) {
            throw error(row, column, where + "expected a non-blank text, got "
                    + (text.isEmpty() ? "an empty one" : "only white space"));
        }
        return text;
    }

    private double score(Row row, JsonNode value) {
        String column = mapping.scoreColumn();
        String shown;
        double score;
        if (value.isNumber()) {
            shown = value.asText();
            score = value.doubleValue();
        } else if (value.isTextual() && DECIMAL.matcher(value.textValue().strip()).matches()) {
            shown = value.textValue();
            score = Double.parseDouble(value.textValue().strip());
        } else {
            String got = value.isTextual() ? "'" + Texts.excerpt(value.textValue()) + "'" : JsonValues.describe(value);
            throw error(row, column, "expected a number in [0, 1], got " + got);
        }
        if (!(score >= 0.0 && score <= 1.0)) {
            throw error(row, column, "expected a number in [0, 1], got '" + shown + "'");
        }
        return score;
    }

    private DataFormatException error(Row row, String column, String reason) {
        return new DataFormatException(file, row.line(), column, reason);
    }
}
