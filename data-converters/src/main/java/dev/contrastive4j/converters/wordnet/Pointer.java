package dev.contrastive4j.converters.wordnet;

import java.util.Objects;

/**
 * A relation from one synset (or one of its words) to another, as a data line lists it:
 * {@code pointer_symbol synset_offset pos source/target}.
 *
 * @param symbol the relation, e.g. {@code !} antonym, {@code @} hypernym, {@code &} similar to
 * @param target the synset the relation points to
 * @param sourceWord the 1-based number of the word in this synset the relation starts from; 0 when the
 *     relation holds between whole synsets
 * @param targetWord the 1-based number of the word in the target synset; 0 for a synset relation
 */
public record Pointer(String symbol, SynsetId target, int sourceWord, int targetWord) {

    /** Antonym: words of opposite meaning. */
    public static final String ANTONYM = "!";
    /** Hypernym: the more general synset. */
    public static final String HYPERNYM = "@";
    /** Instance hypernym: the class a named instance belongs to. */
    public static final String INSTANCE_HYPERNYM = "@i";
    /** Similar to: from an adjective satellite to its head adjective (and back). */
    public static final String SIMILAR_TO = "&";

    public Pointer {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(target, "target");
    }

    /** Whether the relation holds between two particular words rather than between two synsets. */
    public boolean isLexical() {
        return sourceWord != 0 || targetWord != 0;
    }
}
