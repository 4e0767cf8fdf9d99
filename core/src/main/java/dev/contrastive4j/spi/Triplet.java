package dev.contrastive4j.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An anchor, a text that matches it, and one or more texts that do not.
 *
 * @param anchor the query or anchor text
 * @param positive a text that matches the anchor
 * @param negatives one or more texts that do not match the anchor (hard negatives)
 */
public record Triplet(String anchor, String positive, List<String> negatives) implements Example {

    /**
     * Checks the texts and copies the negatives.
     *
     * @param anchor the query or anchor text
     * @param positive a text that matches the anchor
     * @param negatives one or more texts that do not match the anchor (hard negatives)
     * @throws IllegalArgumentException if there is no negative
     */
    public Triplet {
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(positive, "positive");
        negatives = List.copyOf(negatives);
        if (negatives.isEmpty()) {
            throw new IllegalArgumentException("a triplet needs at least one negative");
        }
    }

    /**
     * A triplet with exactly one negative.
     *
     * @param anchor the query or anchor text
     * @param positive a text that matches the anchor
     * @param negative a text that does not
     */
    public Triplet(String anchor, String positive, String negative) {
        this(anchor, positive, List.of(negative));
    }

    @Override
    public DataFormat format() {
        return DataFormat.TRIPLET;
    }

    @Override
    public List<String> texts() {
        List<String> texts = new ArrayList<>(2 + negatives.size());
        texts.add(anchor);
        texts.add(positive);
        texts.addAll(negatives);
        return List.copyOf(texts);
    }
}
