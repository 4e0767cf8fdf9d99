package dev.contrastive4j.mining;

import java.util.Locale;

/** What the miner writes for each input row. */
public enum MiningOutputFormat {
    /**
     * {@code (anchor, positive, negative)} when one negative is mined, {@code (anchor, positive, negative_1 …
     * negative_k)} otherwise (sentence-transformers' "triplet"/"n-tuple"); an anchor with fewer than k
     * negatives is skipped, as every row of a file has the same columns.
     */
    TRIPLETS,
    /**
     * Labelled pairs {@code (sentence1, sentence2, score)}: {@code (anchor, positive, 1)} for each positive and
     * {@code (anchor, negative_i, 0)} for each mined negative (sentence-transformers' "labeled-pair").
     */
    PAIRS;

    /** The name on the command line: {@code triplets} or {@code pairs}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
