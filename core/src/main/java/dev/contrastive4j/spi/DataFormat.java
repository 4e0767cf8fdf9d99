package dev.contrastive4j.spi;

/**
 * The shapes of training and evaluation data that losses and converters talk about.
 *
 * <p>Each format fixes the columns of a {@link Batch}:
 * <ul>
 *   <li>{@link #TRIPLET}: anchor, positive, then one column per negative (at least one);</li>
 *   <li>{@link #PAIR}: anchor, positive;</li>
 *   <li>{@link #SCORED_PAIR}: sentence1, sentence2, plus one score in [0, 1] per row.</li>
 * </ul>
 */
public enum DataFormat {
    /** Anchor, positive and one or more negatives: {@link Triplet}. */
    TRIPLET,
    /** Anchor and positive: {@link Pair}. */
    PAIR,
    /** Two sentences and a gold similarity in [0, 1]: {@link ScoredPair}. */
    SCORED_PAIR;

    /**
     * The name used on the command line and in descriptors.
     *
     * @return the lower-case, hyphenated name ({@code scored-pair})
     */
    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
