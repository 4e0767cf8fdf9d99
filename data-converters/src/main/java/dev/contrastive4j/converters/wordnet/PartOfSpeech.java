package dev.contrastive4j.converters.wordnet;

import java.util.Optional;

/** The four WordNet parts of speech, each with its own data file ({@code data.noun}, ...). */
public enum PartOfSpeech {
    NOUN('n', "noun"),
    VERB('v', "verb"),
    ADJECTIVE('a', "adj"),
    ADVERB('r', "adv");

    private final char symbol;
    private final String fileSuffix;

    PartOfSpeech(char symbol, String fileSuffix) {
        this.symbol = symbol;
        this.fileSuffix = fileSuffix;
    }

    /** The letter WordNet writes for this part of speech: n, v, a or r. */
    public char symbol() {
        return symbol;
    }

    /** The database file that holds this part of speech's synsets, e.g. {@code data.noun}. */
    public String dataFileName() {
        return "data." + fileSuffix;
    }

    /**
     * The part of speech of a synset-type or pointer letter. An adjective satellite ({@code s}) is an
     * adjective: satellites live in {@code data.adj} and their offsets are adjective offsets.
     */
    public static Optional<PartOfSpeech> fromSymbol(char symbol) {
        return switch (symbol) {
            case 'n' -> Optional.of(NOUN);
            case 'v' -> Optional.of(VERB);
            case 'a', 's' -> Optional.of(ADJECTIVE);
            case 'r' -> Optional.of(ADVERB);
            default -> Optional.empty();
        };
    }
}
