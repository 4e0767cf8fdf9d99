package dev.contrastive4j.converters.wordnet;

/**
 * The split rule: every definition text belongs to exactly one split, and a triplet may only use
 * definitions that its split is allowed to see.
 *
 * <ul>
 *   <li>A definition's split is decided by a seeded SHA-256 hash of its text: bucket {@code hash mod 100}
 *       below 90 is train, below 95 dev, the rest test. Hashing the text (not the synset) puts synsets with
 *       identical definitions in the same split.</li>
 *   <li>A triplet belongs to the split of its positive.</li>
 *   <li>A train triplet's negative is a train definition. A dev or test triplet's negative is a definition
 *       of its own split or a train definition.</li>
 * </ul>
 *
 * Hence no dev or test definition appears anywhere in train (as positive or negative), and dev and test
 * share no definition. A test negative may be a text the model saw in training, but never as the answer
 * to a test anchor; allowing that keeps most test triplets' hard negatives, since a word's other senses
 * are mostly train definitions.
 *
 * @param seed changes the assignment of definitions to splits
 */
public record DefinitionSplit(long seed) {

    private static final int TRAIN_PERCENT = 90;
    private static final int DEV_PERCENT = 5;

    /** The split a definition text belongs to. */
    public Split of(String definition) {
        int bucket = StableHash.index(seed, "split\u0000" + definition, 100);
        if (bucket < TRAIN_PERCENT) {
            return Split.TRAIN;
        }
        return bucket < TRAIN_PERCENT + DEV_PERCENT ? Split.DEV : Split.TEST;
    }

    /** Whether a triplet of {@code tripletSplit} may use a definition of {@code negativeSplit} as its negative. */
    public static boolean admitsNegative(Split tripletSplit, Split negativeSplit) {
        return negativeSplit == tripletSplit || negativeSplit == Split.TRAIN;
    }
}
