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
 * number in [0, 1] (a JSON number or a numeric string), a triplet's margins finite numbers, one per negative, and
 * every row must have as many negatives as the first row that was read. In JSONL a negative column may hold an
 * array of texts, and a margin column an array of numbers.
 */
final class RowMapper {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

    private final Path file;
    private final ColumnMapping mapping;
    private final int[] textIndexes;
    private final int scoreIndex;
    private final int[] marginIndexes;
    private int negativeCount = -1;

    RowMapper(Path file, ColumnMapping mapping, List<String> columns) {
        this.file = file;
        this.mapping = mapping;
        this.textIndexes = mapping.textColumns().stream().mapToInt(columns::indexOf).toArray();
        this.scoreIndex = mapping.scoreColumn() == null ? -1 : columns.indexOf(mapping.scoreColumn());
        this.marginIndexes = mapping.marginColumns().stream().mapToInt(columns::indexOf).toArray();
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
            case TRIPLET -> {
                List<String> negatives = negatives(row);
                yield new Triplet(first, second, negatives, margins(row, negatives.size()));
            }
        };
    }

    /** The teacher's margins, one per negative, or none when the mapping has no margin column. */
    private List<Double> margins(Row row, int negatives) {
        List<Double> margins = new ArrayList<>(negatives);
        for (int i = 0; i < marginIndexes.length; i++) {
            String column = mapping.marginColumns().get(i);
            JsonNode value = row.values().get(marginIndexes[i]);
            if (value.isArray()) {
                for (int element = 0; element < value.size(); element++) {
                    margins.add(margin(row, value.get(element), column, "element " + (element + 1) + ": "));
                }
            } else {
                margins.add(margin(row, value, column, ""));
            }
        }
        if (marginIndexes.length > 0 && margins.size() != negatives) {
            String blamed = marginIndexes.length == 1 ? mapping.marginColumns().get(0) : null;
            throw error(row, blamed, "expected one margin per negative (" + negatives + "), got " + margins.size()
                    + (negatives > 1 && marginIndexes.length == 1
                            ? " (give an array of " + negatives + " numbers, or columns label_1 … label_" + negatives + ")"
                            : ""));
        }
        return margins;
    }

    private double margin(Row row, JsonNode value, String column, String where) {
        String expected = where + "expected a finite number (the teacher's margin), got ";
        double margin;
        if (value.isNumber()) {
            margin = value.doubleValue();
        } else if (value.isTextual() && DECIMAL.matcher(value.textValue().strip()).matches()) {
            margin = Double.parseDouble(value.textValue().strip());
        } else {
            String got = value.isTextual() ? "'" + Texts.excerpt(value.textValue()) + "'" : JsonValues.describe(value);
            throw error(row, column, expected + got);
        }
        if (!Double.isFinite(margin)) {
            throw error(row, column, expected + "'" + (value.isTextual() ? value.textValue() : value.asText()) + "'");
        }
        return margin;
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
