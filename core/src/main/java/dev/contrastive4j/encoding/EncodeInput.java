package dev.contrastive4j.encoding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.LongNode;
import dev.contrastive4j.data.DataFormatException;
import dev.contrastive4j.data.JsonProblems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The texts to embed, read from a file, each with the id its output row carries.
 *
 * <ul>
 *   <li>A JSON Lines file (name ending in {@code .jsonl} or {@code .jsonl.gz}): one JSON object per line, the
 *       text under {@code field}. A row's id is its {@code "id"} (else {@code "_id"}) value, a string or an
 *       integer, as the BEIR corpus layout has it; without one, the row's 0-based index. Blank lines are
 *       skipped, as JSON Lines allows, and do not count as rows.</li>
 *   <li>Any other file: plain text, one text per line; a line's id is its 0-based index. Blank lines are
 *       kept as empty texts, so that row {@code i} of the output is always line {@code i + 1} of the input
 *       (an {@code .npy} matrix has no ids to realign by); {@link #blankLines()} counts them.</li>
 * </ul>
 * Both may be gzip-compressed. Every problem is a {@link DataFormatException} naming file and line.
 *
 * @param file the file read
 * @param texts the texts, in file order
 * @param ids one id per text: an integer or string JSON value
 * @param blankLines how many texts are blank (plain text only; JSONL skips blank lines)
 */
public record EncodeInput(Path file, List<String> texts, List<JsonNode> ids, long blankLines) {

    /** The JSONL field that holds the text unless another is named. */
    public static final String DEFAULT_FIELD = "text";

    private static final List<String> ID_FIELDS = List.of("id", "_id");
    private static final ObjectReader JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build()
            .reader();

    public EncodeInput {
        texts = List.copyOf(texts);
        ids = List.copyOf(ids);
        if (texts.size() != ids.size()) {
            throw new IllegalArgumentException(texts.size() + " texts but " + ids.size() + " ids");
        }
    }

    /** Whether a file is read as JSON Lines, by its name. */
    static boolean isJsonl(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".jsonl") || name.endsWith(".jsonl.gz");
    }

    /**
     * Reads every text of a file.
     *
     * @param field the JSONL field with the text; ignored for plain text
     * @throws DataFormatException naming file and line for bytes that are not UTF-8, a bad JSON line, a
     *     missing or non-string text field, an id that is neither string nor integer, or a file without texts
     */
    public static EncodeInput read(Path file, String field) {
        try (Utf8LineReader lines = Utf8LineReader.open(file)) {
            EncodeInput input = isJsonl(file) ? readJsonl(lines, field) : readText(lines);
            if (input.texts().isEmpty()) {
                throw new DataFormatException(file, 0, null, "expected at least one text, found an empty file");
            }
            return input;
        }
    }

    private static EncodeInput readText(Utf8LineReader lines) {
        List<String> texts = new ArrayList<>();
        List<JsonNode> ids = new ArrayList<>();
        long blank = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.isBlank()) {
                blank++;
            }
            ids.add(LongNode.valueOf(texts.size()));
            texts.add(line);
        }
        return new EncodeInput(lines.file(), texts, ids, blank);
    }

    private static EncodeInput readJsonl(Utf8LineReader lines, String field) {
        Path file = lines.file();
        List<String> texts = new ArrayList<>();
        List<JsonNode> ids = new ArrayList<>();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            long lineNumber = lines.lineNumber();
            JsonNode row = parseObject(file, lineNumber, line);
            JsonNode text = row.get(field);
            if (text == null) {
                throw new DataFormatException(file, lineNumber, field, "missing: expected the text of every row"
                        + " under '" + field + "' (choose another field with --field)");
            }
            if (!text.isTextual()) {
                throw new DataFormatException(file, lineNumber, field, "expected a string, found "
                        + describe(text));
            }
            ids.add(id(file, lineNumber, row, texts.size()));
            texts.add(text.textValue());
        }
        return new EncodeInput(file, texts, ids, 0);
    }

    private static JsonNode parseObject(Path file, long lineNumber, String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new DataFormatException(file, lineNumber, null, "expected a JSON object, found invalid JSON "
                    + JsonProblems.describe(e));
        }
        if (!node.isObject()) {
            throw new DataFormatException(file, lineNumber, null, "expected a JSON object, found " + describe(node));
        }
        return node;
    }

    /** The row's own id, or its index when it has none. */
    private static JsonNode id(Path file, long lineNumber, JsonNode row, int index) {
        for (String name : ID_FIELDS) {
            JsonNode id = row.get(name);
            if (id != null) {
                if (id.isTextual() || id.isIntegralNumber()) {
                    return id;
                }
                throw new DataFormatException(file, lineNumber, name, "expected a string or integer id, found "
                        + describe(id));
            }
        }
        return LongNode.valueOf(index);
    }

    private static String describe(JsonNode node) {
        String kind = switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            case BOOLEAN -> "a boolean";
            case NUMBER -> "a number";
            case STRING -> "a string";
            default -> "a " + node.getNodeType().toString().toLowerCase(Locale.ROOT);
        };
        String text = node.toString();
        return node.isNull() ? kind : kind + " " + (text.length() > 40 ? text.substring(0, 40) + "…" : text);
    }
}
