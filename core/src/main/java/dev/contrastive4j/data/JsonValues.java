package dev.contrastive4j.data;

import com.fasterxml.jackson.databind.JsonNode;

/** Describes JSON values in error messages. */
final class JsonValues {

    private JsonValues() {
    }

    /** What a value is, for "expected …, got …": {@code the number 42}, {@code null}, {@code an array}. */
    static String describe(JsonNode node) {
        if (node.isNull()) {
            return "null";
        }
        if (node.isNumber()) {
            return "the number " + node.asText();
        }
        if (node.isBoolean()) {
            return "the boolean " + node.asText();
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isTextual()) {
            return "the string '" + Texts.excerpt(node.textValue()) + "'";
        }
        return node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }
}
