package dev.contrastive4j.data;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says in the user's words what is wrong with a line of JSON that Jackson refused. Jackson's own messages name
 * its classes and settings, and its limits (nesting depth, number length) come without a location, which
 * callers that printed the location failed on.
 */
public final class JsonProblems {

    private static final int MAX_DETAIL_CHARS = 160;
    private static final Pattern LIMIT = Pattern.compile("\\((\\d+)\\) exceeds the maximum allowed \\((\\d+)");

    private JsonProblems() {
    }

    /**
     * What is wrong, with the character where it is when Jackson knows it: {@code at character 7: Unexpected
     * character ('}' ...)}, or {@code nested 1,001 levels deep, more than the 1,000 allowed}.
     */
    public static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof StreamConstraintsException) {
            return limit(message);
        }
        String detail = withoutJacksonNames(message.lines().findFirst().orElse("malformed JSON"));
        if (detail.length() > MAX_DETAIL_CHARS) {
            detail = detail.substring(0, MAX_DETAIL_CHARS) + "…";
        }
        JsonLocation at = e.getLocation();
        return at == null || at.getColumnNr() < 0 ? detail : "at character " + at.getColumnNr() + ": " + detail;
    }

    /**
     * The message without Jackson's advice to its programmers ({@code enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS`
     * to allow}, {@code not allowed as per `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`}, {@code (bound as
     * `com.fasterxml...JsonNode`)}), which names settings a user cannot change.
     */
    public static String withoutJacksonNames(String message) {
        return message.replaceAll("\\s*\\(bound as `[^`]*`\\)", "")
                .replaceAll("\\s*\\(through reference chain: [^)]*\\)", "")
                .replaceAll("[:;,]?\\s*(not allowed as per|enable|disable) `[^`]*`( to allow)?", "")
                .strip();
    }

    private static String limit(String message) {
        Matcher numbers = LIMIT.matcher(message);
        String found = numbers.find() ? String.format(Locale.ROOT, "%,d", Long.parseLong(numbers.group(1))) : null;
        String allowed = found == null ? null : String.format(Locale.ROOT, "%,d", Long.parseLong(numbers.group(2)));
        String what;
        if (message.contains("nesting depth")) {
            what = found == null ? "nested too deeply" : "nested " + found + " levels deep, more than the " + allowed
                    + " allowed";
        } else if (message.contains("Number value length")) {
            what = found == null ? "a number too long" : "a number of " + found + " digits, more than the " + allowed
                    + " allowed";
        } else if (message.contains("String value length")) {
            what = found == null ? "a string too long" : "a string of " + found + " characters, more than the "
                    + allowed + " allowed";
        } else {
            what = "a value beyond the JSON reader's limits";
        }
        return what;
    }
}
