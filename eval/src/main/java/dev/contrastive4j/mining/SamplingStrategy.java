package dev.contrastive4j.mining;

import java.util.Locale;

/** How the negatives are chosen among the candidates that pass every rule. */
public enum SamplingStrategy {
    /** The highest-scoring eligible candidates (the hardest), as sentence-transformers' {@code "top"}. */
    TOP,
    /** A uniform sample, without replacement, of the eligible candidates, as sentence-transformers' {@code "random"}. */
    RANDOM;

    /** The name on the command line: {@code top} or {@code random}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
