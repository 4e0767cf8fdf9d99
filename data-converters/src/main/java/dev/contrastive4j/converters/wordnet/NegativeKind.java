package dev.contrastive4j.converters.wordnet;

/** How a triplet's negative relates to its positive, from the hardest kind to the easiest. */
public enum NegativeKind {
    /** Another sense of the anchor's word with the same part of speech ("bank" the slope vs the institution). */
    SAME_WORD_SAME_POS("other sense, same part of speech"),
    /** Another sense of the anchor's word with another part of speech ("run" the verb vs the noun). */
    SAME_WORD_OTHER_POS("other sense, other part of speech"),
    /** A synset the positive's synset names as its antonym ({@code !}). */
    ANTONYM("antonym"),
    /** A synset with the same hypernym, or the same head adjective for satellites. */
    CO_HYPONYM("co-hyponym");

    private final String label;

    NegativeKind(String label) {
        this.label = label;
    }

    /** A short phrase for tables, e.g. {@code antonym}. */
    public String label() {
        return label;
    }
}
