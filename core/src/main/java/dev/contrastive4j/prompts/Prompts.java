package dev.contrastive4j.prompts;

import dev.contrastive4j.spi.ContrastiveException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The prompts a user asks for, per column, before they are looked up in the model: what {@code --prompts} says.
 * A prompt is a text put in front of every text of its column before tokenising (sentence-transformers'
 * {@code prompts} of its trainer and {@code prompt}/{@code prompt_name} of {@code encode}).
 *
 * <h2>Syntax</h2>
 * <ul>
 *   <li>{@code "query: "}: one prompt for every column;</li>
 *   <li>{@code "anchor=query: ,positive=passage: "}: a prompt per column role ({@link PromptRole}: anchor,
 *       positive, negative, sentence1, sentence2, and {@code all} for every column not named); a comma ends a
 *       value only where a {@code role=} follows it, and values keep their spaces;</li>
 *   <li>a value that starts with {@code @} names one of the model's own prompts ({@code anchor=@query}: the prompt
 *       called {@code query} in its {@code config_sentence_transformers.json}); {@code @@} starts a literal
 *       {@code @}.</li>
 * </ul>
 * Negatives take the positive's prompt unless given their own. Immutable.
 */
public final class Prompts {

    /** No prompts: texts are embedded as they are (save for a model's default prompt at inference). */
    public static final Prompts NONE = new Prompts(Optional.empty(), Map.of());

    /** The key that gives a prompt to every column not named otherwise. */
    public static final String ALL = "all";

    private static final Pattern MAPPING_START = Pattern.compile("^\\s*[A-Za-z][A-Za-z0-9_]*\\s*=");
    private static final Pattern ENTRY_SEPARATOR = Pattern.compile(",(?=\\s*[A-Za-z][A-Za-z0-9_]*\\s*=)");

    private final Optional<String> all;
    private final Map<PromptRole, String> byRole;

    private Prompts(Optional<String> all, Map<PromptRole, String> byRole) {
        this.all = all;
        this.byRole = byRole.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new EnumMap<>(byRole));
    }

    /**
     * One prompt for every column.
     *
     * @param value the prompt's text, or {@code @name} for the model's prompt of that name
     */
    public static Prompts forAll(String value) {
        return new Prompts(Optional.of(checkValue(value, ALL, "prompt")), Map.of());
    }

    /**
     * A prompt per column role; roles not named get none (negatives get the positive's).
     *
     * @param values by role: the prompt's text, or {@code @name} for the model's prompt of that name
     */
    public static Prompts forRoles(Map<PromptRole, String> values) {
        Map<PromptRole, String> checked = new EnumMap<>(PromptRole.class);
        values.forEach((role, value) -> checked.put(role, checkValue(value, role.key(), "prompt")));
        return new Prompts(Optional.empty(), checked);
    }

    /**
     * Reads a specification (see the class comment).
     *
     * @param spec the option's value
     * @param option the option's name, for messages (e.g. {@code --prompts})
     * @throws ContrastiveException naming the option for an empty value, an unknown role, a role given twice or an
     *     empty prompt
     */
    public static Prompts parse(String spec, String option) {
        Objects.requireNonNull(spec, option);
        if (spec.isEmpty()) {
            throw new ContrastiveException(option + " is empty: expected a prompt such as 'query: ', or"
                    + " role=prompt entries such as 'anchor=query: ,positive=passage: '");
        }
        if (!MAPPING_START.matcher(spec).find()) {
            return new Prompts(Optional.of(checkValue(spec, ALL, option)), Map.of());
        }
        Optional<String> all = Optional.empty();
        Map<PromptRole, String> byRole = new EnumMap<>(PromptRole.class);
        for (String entry : ENTRY_SEPARATOR.split(spec, -1)) {
            int equals = entry.indexOf('=');
            String key = entry.substring(0, equals).trim();
            String value = checkValue(entry.substring(equals + 1), key, option);
            if (key.equalsIgnoreCase(ALL)) {
                if (all.isPresent()) {
                    throw new ContrastiveException(option + ": '" + ALL + "' is given twice in '" + spec + "'");
                }
                all = Optional.of(value);
                continue;
            }
            PromptRole role = PromptRole.byKey(key).orElseThrow(() -> new ContrastiveException(option
                    + ": unknown column role '" + key + "' in '" + spec + "'; expected " + PromptRole.keys() + " or "
                    + ALL + " (a prompt that itself contains '=' is given as " + ALL + "=PROMPT)"));
            if (byRole.put(role, value) != null) {
                throw new ContrastiveException(option + ": role '" + role.key() + "' is given twice in '" + spec
                        + "'");
            }
        }
        return new Prompts(all, byRole);
    }

    private static String checkValue(String value, String key, String option) {
        Objects.requireNonNull(value, key);
        if (value.isEmpty() || value.equals("@")) {
            throw new ContrastiveException(option + ": the prompt for '" + key + "' is empty; expected a text"
                    + " or @NAME (one of the model's prompts)");
        }
        return value;
    }

    /** Whether no prompt is asked for. */
    public boolean isEmpty() {
        return all.isEmpty() && byRole.isEmpty();
    }

    /** Whether one prompt is asked for every column and none per role (what {@code encode} accepts). */
    public boolean isSingle() {
        return all.isPresent() && byRole.isEmpty();
    }

    /**
     * Looks the prompts up in the model.
     *
     * @param model the model's own prompts, for {@code @name} values and its default prompt
     * @param useModelDefault whether columns given no prompt take the model's default prompt, as
     *     sentence-transformers' {@code encode} does (evaluation, encoding, mining); training does not
     * @param option the option's name, for messages
     * @throws ContrastiveException naming the option if a {@code @name} is not one of the model's prompts
     */
    public ColumnPrompts resolve(ModelPrompts model, boolean useModelDefault, String option) {
        Map<PromptRole, String> resolved = new EnumMap<>(PromptRole.class);
        Optional<String> forAll = all.map(value -> lookUp(value, model, ALL, option));
        if (forAll.isEmpty() && useModelDefault) {
            forAll = model.defaultPrompt();
        }
        for (PromptRole role : PromptRole.values()) {
            String value = byRole.get(role);
            if (value != null) {
                resolved.put(role, lookUp(value, model, role.key(), option));
            } else if (role == PromptRole.NEGATIVE && byRole.containsKey(PromptRole.POSITIVE)) {
                resolved.put(role, lookUp(byRole.get(PromptRole.POSITIVE), model, role.key(), option));
            } else {
                forAll.ifPresent(prompt -> resolved.put(role, prompt));
            }
        }
        return new ColumnPrompts(resolved, isSingle() || (isEmpty() && forAll.isPresent()));
    }

    private static String lookUp(String value, ModelPrompts model, String key, String option) {
        if (value.startsWith("@@")) {
            return value.substring(1);
        }
        if (!value.startsWith("@")) {
            return value;
        }
        String name = value.substring(1);
        return model.prompt(name).orElseThrow(() -> new ContrastiveException(option + ": the prompt for '" + key
                + "' names the model's prompt '" + name + "', but the model has "
                + (model.prompts().isEmpty() ? "no prompts" : "only " + String.join(", ", model.prompts().keySet()))
                + " (in its config_sentence_transformers.json)"));
    }

    /** The specification this was read from, in canonical form: {@code anchor=…,positive=…} or the one prompt. */
    @Override
    public String toString() {
        if (isSingle()) {
            return all.get();
        }
        String roles = byRole.entrySet().stream().map(e -> e.getKey().key() + "=" + e.getValue())
                .collect(Collectors.joining(","));
        return all.map(value -> roles + (roles.isEmpty() ? "" : ",") + ALL + "=" + value).orElse(roles);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Prompts that && all.equals(that.all) && byRole.equals(that.byRole);
    }

    @Override
    public int hashCode() {
        return Objects.hash(all, byRole);
    }
}
