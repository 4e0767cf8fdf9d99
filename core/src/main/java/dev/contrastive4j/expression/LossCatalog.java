package dev.contrastive4j.expression;

import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.LossDescriptor;

/**
 * Looks up what a loss named in an expression accepts. The plugin registry implements it over every
 * loss plugin it found; tests implement it with a few fixed descriptors.
 */
@FunctionalInterface
public interface LossCatalog {

    /**
     * The descriptor of the loss with this canonical name or alias.
     *
     * @param name a loss name as written in the expression, already in lower case
     * @return the descriptor, never {@code null}; its {@link LossDescriptor#name()} is the canonical
     *     name, which may differ from {@code name} when {@code name} is an alias
     * @throws ContrastiveException if no loss has this name; its one-line message should list the
     *     available names and the closest match, since the validator passes it on to the user unchanged
     */
    LossDescriptor describe(String name);

    /**
     * Whether the loss takes another loss (or a weighted combination) as its first argument, as
     * {@code matryoshka(mnrl, dims=[384, 128])} does.
     *
     * @param canonicalName a loss's canonical name, as {@link #describe} returned it
     * @return true if the loss wraps losses; false (the default) for an ordinary loss
     */
    default boolean wrapsLosses(String canonicalName) {
        return false;
    }
}
