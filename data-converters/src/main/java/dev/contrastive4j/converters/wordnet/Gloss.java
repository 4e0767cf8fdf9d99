package dev.contrastive4j.converters.wordnet;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A synset's gloss split into its definition and its example sentences.
 *
 * <p>WordNet writes a gloss as a definition followed by quoted examples, each introduced by
 * {@code ; "}: {@code draw air into the lungs; "I can breathe better"; "The patient is respiring"}. A
 * definition may itself contain semicolons, an example may contain semicolons inside its quotes, and a
 * quotation may carry an attribution after its closing quote ({@code "..." - Shakespeare}), which is not
 * part of the example. A gloss whose quotes are not introduced by {@code ; "} (a few use a colon) is kept
 * whole as the definition.
 *
 * @param definition the text before the first example, trimmed, without a trailing semicolon
 * @param examples the example sentences without their quotes, trimmed, in the order of the gloss
 */
public record Gloss(String definition, List<String> examples) {

    private static final String EXAMPLES_START = "; \"";

    public Gloss {
        Objects.requireNonNull(definition, "definition");
        examples = List.copyOf(examples);
    }

    /** Splits a gloss as it follows the {@code |} of a data line. */
    public static Gloss parse(String gloss) {
        String text = gloss.strip();
        int examplesStart = text.indexOf(EXAMPLES_START);
        if (examplesStart < 0) {
            return new Gloss(withoutTrailingSemicolons(text), List.of());
        }
        String definition = withoutTrailingSemicolons(text.substring(0, examplesStart).strip());
        return new Gloss(definition, quotedTexts(text.substring(examplesStart + 1)));
    }

    /** The texts between pairs of double quotes; what lies between pairs (separators, attributions) is dropped. */
    private static List<String> quotedTexts(String text) {
        List<String> quoted = new ArrayList<>();
        int open = text.indexOf('"');
        while (open >= 0) {
            int close = text.indexOf('"', open + 1);
            // An unclosed quote runs to the end of the gloss.
            String example = (close < 0 ? text.substring(open + 1) : text.substring(open + 1, close)).strip();
            if (!example.isEmpty()) {
                quoted.add(example);
            }
            open = close < 0 ? -1 : text.indexOf('"', close + 1);
        }
        return quoted;
    }

    private static String withoutTrailingSemicolons(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == ';' || Character.isWhitespace(text.charAt(end - 1)))) {
            end--;
        }
        return text.substring(0, end);
    }
}
