package dev.contrastive4j.spi;

import java.util.List;
import java.util.Objects;

/**
 * Two texts and how similar they are, as a gold score in [0, 1].
 *
 * @param sentence1 the first text
 * @param sentence2 the second text
 * @param score the gold similarity, 0 (unrelated) to 1 (same meaning)
 */
public record ScoredPair(String sentence1, String sentence2, double score) implements Example {

    /**
     * Checks the texts and the score.
     *
     * @param sentence1 the first text
     * @param sentence2 the second text
     * @param score the gold similarity, 0 (unrelated) to 1 (same meaning)
     * @throws IllegalArgumentException if the score is not in [0, 1]
     */
    public ScoredPair {
        Objects.requireNonNull(sentence1, "sentence1");
        Objects.requireNonNull(sentence2, "sentence2");
        if (!(score >= 0.0 && score <= 1.0)) {
            throw new IllegalArgumentException("score must be in [0, 1], got " + score);
        }
    }

    @Override
    public DataFormat format() {
        return DataFormat.SCORED_PAIR;
    }

    @Override
    public List<String> texts() {
        return List.of(sentence1, sentence2);
    }
}
