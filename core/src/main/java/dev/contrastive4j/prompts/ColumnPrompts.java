package dev.contrastive4j.prompts;

import dev.contrastive4j.spi.Example;
import dev.contrastive4j.spi.Pair;
import dev.contrastive4j.spi.ScoredPair;
import dev.contrastive4j.spi.Triplet;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The prompt texts of each column, looked up in the model ({@link Prompts#resolve}): the one home of "put the
 * column's prompt in front of its texts", used wherever texts are embedded by column (training rows, evaluation
 * data, mining, encoding). Immutable.
 */
public final class ColumnPrompts {

    /** No prompt for any column. */
    public static final ColumnPrompts NONE = new ColumnPrompts(Map.of(), false);

    private final Map<PromptRole, String> prompts;
    private final boolean single;

    /**
     * @param prompts the prompt text per role; a role not in the map has none
     * @param single whether one prompt applies to every column (saved as the model's default prompt)
     */
    ColumnPrompts(Map<PromptRole, String> prompts, boolean single) {
        this.prompts = prompts.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new EnumMap<>(prompts));
        this.single = single && !prompts.isEmpty();
    }

    /** Whether no column has a prompt. */
    public boolean isEmpty() {
        return prompts.isEmpty();
    }

    /** The prompt of a role, if it has one. */
    public Optional<String> prompt(PromptRole role) {
        return Optional.ofNullable(prompts.get(role));
    }

    /** {@code text} with the role's prompt in front of it (unchanged when the role has none). */
    public String apply(PromptRole role, String text) {
        String prompt = prompts.get(role);
        return prompt == null ? text : prompt + text;
    }

    /** Every text with the role's prompt in front of it. */
    public List<String> apply(PromptRole role, List<String> texts) {
        String prompt = prompts.get(role);
        return prompt == null ? texts : texts.stream().map(text -> prompt + text).toList();
    }

    /**
     * The example with each column's prompt in front of its texts: anchor, positive and negatives of triplets and
     * pairs, sentence1 and sentence2 of scored pairs; scores and margins unchanged.
     */
    public Example apply(Example example) {
        if (prompts.isEmpty()) {
            return example;
        }
        if (example instanceof Triplet t) {
            return new Triplet(apply(PromptRole.ANCHOR, t.anchor()), apply(PromptRole.POSITIVE, t.positive()),
                    apply(PromptRole.NEGATIVE, t.negatives()), t.margins());
        }
        if (example instanceof Pair p) {
            return new Pair(apply(PromptRole.ANCHOR, p.anchor()), apply(PromptRole.POSITIVE, p.positive()));
        }
        if (example instanceof ScoredPair s) {
            return new ScoredPair(apply(PromptRole.SENTENCE1, s.sentence1()), apply(PromptRole.SENTENCE2,
                    s.sentence2()), s.score());
        }
        throw new IllegalArgumentException("cannot apply prompts to a " + example.getClass().getName());
    }

    /** Every example with its columns' prompts applied (see {@link #apply(Example)}). */
    @SuppressWarnings("unchecked")
    public <T extends Example> List<T> applyAll(List<T> examples) {
        return prompts.isEmpty() ? examples : examples.stream().map(e -> (T) apply(e)).toList();
    }

    /**
     * The model's prompts with these added, for the folder of a model trained with them, so that
     * sentence-transformers can apply them too: each role's prompt under the role's name ({@code anchor},
     * {@code positive}, …, as {@code encode(texts, prompt_name="anchor")} asks for it); one prompt for every column
     * is saved as {@value Prompts#ALL} and made the default prompt, which sentence-transformers applies to every
     * text it encodes.
     */
    public ModelPrompts savedWith(ModelPrompts model) {
        if (prompts.isEmpty()) {
            return model;
        }
        if (single) {
            return model.plus(Map.of(Prompts.ALL, prompts.values().iterator().next()), Optional.of(Prompts.ALL));
        }
        Map<String, String> byName = new LinkedHashMap<>();
        prompts.forEach((role, prompt) -> byName.put(role.key(), prompt));
        return model.plus(byName, Optional.empty());
    }

    @Override
    public String toString() {
        return prompts.toString();
    }
}
