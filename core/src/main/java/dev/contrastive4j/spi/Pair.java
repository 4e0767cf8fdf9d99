package dev.contrastive4j.spi;

import java.util.List;
import java.util.Objects;

/**
 * An anchor and a text that matches it.
 *
 * @param anchor the query or anchor text
 * @param positive a text that matches the anchor
 */
public record Pair(String anchor, String positive) implements Example {

    /**
     * Checks that both texts are present.
     *
     * @param anchor the query or anchor text
     * @param positive a text that matches the anchor
     * @throws NullPointerException if a text is null
     */
    public Pair {
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(positive, "positive");
    }

    @Override
    public DataFormat format() {
        return DataFormat.PAIR;
    }

    @Override
    public List<String> texts() {
        return List.of(anchor, positive);
    }
}
