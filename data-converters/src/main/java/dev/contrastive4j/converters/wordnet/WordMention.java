package dev.contrastive4j.converters.wordnet;

import java.util.Locale;

/**
 * Whether an example sentence uses a word: as a whole phrase ignoring case, or for single words of four
 * letters or more, as a token that starts with the word less a final "e" or "y" and is at most four
 * letters longer ("respire" in "respiring", "carry" in "carried"). A heuristic: irregular forms ("ran")
 * are missed, which only costs a preference, never a triplet.
 */
final class WordMention {

    private static final int MIN_STEMMED_LENGTH = 4;
    private static final int MAX_SUFFIX_LENGTH = 4;

    private WordMention() {}

    static boolean mentions(String sentence, String word) {
        String text = sentence.toLowerCase(Locale.ROOT);
        String target = word.toLowerCase(Locale.ROOT);
        if (containsAtWordBoundaries(text, target)) {
            return true;
        }
        if (target.length() < MIN_STEMMED_LENGTH || target.indexOf(' ') >= 0) {
            return false;
        }
        String stem = target.endsWith("e") || target.endsWith("y") ? target.substring(0, target.length() - 1) : target;
        for (String token : text.split("[^\\p{L}\\p{N}'-]+")) {
            if (token.startsWith(stem) && token.length() <= stem.length() + MAX_SUFFIX_LENGTH) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsAtWordBoundaries(String text, String phrase) {
        for (int at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
            int end = at + phrase.length();
            if ((at == 0 || !isWordCharacter(text.charAt(at - 1)))
                    && (end == text.length() || !isWordCharacter(text.charAt(end)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isWordCharacter(char c) {
        return Character.isLetterOrDigit(c);
    }
}
