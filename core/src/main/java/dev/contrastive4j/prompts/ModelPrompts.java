package dev.contrastive4j.prompts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A model's own named prompts, as sentence-transformers keeps them in {@code config_sentence_transformers.json}:
 * {@code "prompts": {"query": "…", "document": "…"}} and {@code "default_prompt_name"}, the prompt that encoding
 * applies when it is given none.
 *
 * @param prompts prompt texts by name, in the file's order
 * @param defaultName the name of the prompt applied when none is asked for, if any; one of {@code prompts}
 */
public record ModelPrompts(Map<String, String> prompts, Optional<String> defaultName) {

    /** A model without prompts. */
    public static final ModelPrompts NONE = new ModelPrompts(Map.of(), Optional.empty());

    /**
     * Copies the prompts and checks that the default names one of them.
     *
     * @throws IllegalArgumentException if the default prompt is not among the prompts
     */
    public ModelPrompts {
        Objects.requireNonNull(defaultName, "defaultName");
        prompts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(prompts));
        if (defaultName.isPresent() && !prompts.containsKey(defaultName.get())) {
            throw new IllegalArgumentException("default_prompt_name '" + defaultName.get()
                    + "' is not one of the prompts " + prompts.keySet());
        }
    }

    /** Named prompts without a default. */
    public static ModelPrompts of(Map<String, String> prompts) {
        return new ModelPrompts(prompts, Optional.empty());
    }

    /** The prompt of that name, if the model has one. */
    public Optional<String> prompt(String name) {
        return Optional.ofNullable(prompts.get(name));
    }

    /** The text of the default prompt, if the model has one. */
    public Optional<String> defaultPrompt() {
        return defaultName.map(prompts::get);
    }

    /** These prompts with others added (an added name replaces one of the same name), the default kept. */
    public ModelPrompts plus(Map<String, String> added, Optional<String> newDefault) {
        Map<String, String> all = new LinkedHashMap<>(prompts);
        all.putAll(added);
        return new ModelPrompts(all, newDefault.or(() -> defaultName));
    }
}
