package dev.contrastive4j.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An anchor, a text that matches it, one or more texts that do not, and optionally a teacher's margin per negative.
 *
 * <p>The margins are what a teacher (typically a cross-encoder, run beforehand) says about the row:
 * {@code margins.get(j) = score(anchor, positive) − score(anchor, negatives.get(j))}. Losses that distil a teacher
 * ({@code margin-mse(teacher=labels)}) read them; every other loss ignores them. They are any finite numbers.
 *
 * @param anchor the query or anchor text
 * @param positive a text that matches the anchor
 * @param negatives one or more texts that do not match the anchor (hard negatives)
 * @param margins the teacher's margin for each negative, in the order of {@code negatives}; empty when the row has
 *     none
 */
public record Triplet(String anchor, String positive, List<String> negatives, List<Double> margins)
        implements Example {

    /**
     * Checks the texts and margins and copies the lists.
     *
     * @param anchor the query or anchor text
     * @param positive a text that matches the anchor
     * @param negatives one or more texts that do not match the anchor (hard negatives)
     * @param margins one finite margin per negative, or an empty list
     * @throws IllegalArgumentException if there is no negative, or the margins are neither empty nor one finite
     *     number per negative
     * @since 1.3
     */
    public Triplet {
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(positive, "positive");
        negatives = List.copyOf(negatives);
        margins = List.copyOf(margins);
        if (negatives.isEmpty()) {
            throw new IllegalArgumentException("a triplet needs at least one negative");
        }
        if (!margins.isEmpty() && margins.size() != negatives.size()) {
            throw new IllegalArgumentException("a triplet needs one margin per negative: expected "
                    + negatives.size() + " margins, got " + margins.size());
        }
        for (int j = 0; j < margins.size(); j++) {
            if (!Double.isFinite(margins.get(j))) {
                throw new IllegalArgumentException("margin " + (j + 1) + " of a triplet must be finite, got "
                        + margins.get(j));
            }
        }
    }

    /**
     * A triplet without margins.
     *
     * @param anchor the query or anchor text
     * @param positive a text that matches the anchor
     * @param negatives one or more texts that do not match the anchor (hard negatives)
     */
    public Triplet(String anchor, String positive, List<String> negatives) {
        this(anchor, positive, negatives, List.of());
    }

    /**
     * A triplet with exactly one negative and no margin.
     *
     * @param anchor the query or anchor text
     * @param positive a text that matches the anchor
     * @param negative a text that does not
     */
    public Triplet(String anchor, String positive, String negative) {
        this(anchor, positive, List.of(negative));
    }

    /**
     * Whether the row carries a teacher's margins.
     *
     * @return {@code true} when {@link #margins()} holds one margin per negative
     * @since 1.3
     */
    public boolean hasMargins() {
        return !margins.isEmpty();
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
