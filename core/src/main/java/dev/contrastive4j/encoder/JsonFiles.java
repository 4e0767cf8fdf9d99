package dev.contrastive4j.encoder;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.contrastive4j.data.JsonProblems;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contrastive4j.spi.ContrastiveException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads and writes the small JSON files of a model folder, and pulls typed fields out of them with errors
 * that name the file and the field.
 */
final class JsonFiles {

    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonFiles() {}

    /** Reads a JSON object from a file. */
    static ObjectNode readObject(Path file) {
        return parseObject(readText(file), file.toString());
    }

    /** Reads any JSON value from a file. */
    static JsonNode readTree(Path file) {
        return parse(readText(file), file.toString());
    }

    /** Parses a JSON object; {@code source} names it in errors. */
    static ObjectNode parseObject(String text, String source) {
        JsonNode node = parse(text, source);
        if (!(node instanceof ObjectNode object)) {
            throw new ContrastiveException(source + ": expected a JSON object, found "
                    + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        return object;
    }

    private static JsonNode parse(String text, String source) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ContrastiveException(source + ": expected JSON, found " + (at == null
                    ? JsonProblems.describe(e) : "a syntax error at line " + at.getLineNr() + ", column "
                    + at.getColumnNr() + ": " + e.getOriginalMessage().lines().findFirst().orElse("")));
        }
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Writes a JSON value, pretty-printed, with a final newline. */
    static void write(Path file, JsonNode node) {
        try {
            Files.writeString(file, MAPPER.writeValueAsString(node) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static ObjectNode newObject() {
        return MAPPER.createObjectNode();
    }

    static int requireInt(ObjectNode node, String field, String source) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw missing(field, "an integer", source);
        }
        if (!value.canConvertToExactIntegral() || !value.canConvertToInt()) {
            throw wrongType(field, "an integer", value, source);
        }
        return value.asInt();
    }

    static int optionalInt(ObjectNode node, String field, int defaultValue, String source) {
        return node.hasNonNull(field) ? requireInt(node, field, source) : defaultValue;
    }

    static double optionalDouble(ObjectNode node, String field, double defaultValue, String source) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        if (!value.isNumber()) {
            throw wrongType(field, "a number", value, source);
        }
        return value.asDouble();
    }

    static boolean optionalBoolean(ObjectNode node, String field, boolean defaultValue, String source) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        if (!value.isBoolean()) {
            throw wrongType(field, "true or false", value, source);
        }
        return value.asBoolean();
    }

    static String optionalString(ObjectNode node, String field, String defaultValue, String source) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        if (!value.isTextual()) {
            throw wrongType(field, "a string", value, source);
        }
        return value.asText();
    }

    private static ContrastiveException missing(String field, String expected, String source) {
        return new ContrastiveException(source + ": field '" + field + "' is required (" + expected
                + "), found none");
    }

    private static ContrastiveException wrongType(String field, String expected, JsonNode value, String source) {
        return new ContrastiveException(source + ": field '" + field + "' must be " + expected + ", found "
                + value);
    }
}
