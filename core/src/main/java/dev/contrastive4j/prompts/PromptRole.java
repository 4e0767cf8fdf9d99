package dev.contrastive4j.prompts;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The columns a prompt can be given for, named as the data's columns are: {@code anchor}, {@code positive} and
 * {@code negative} for triplets and pairs (queries and documents in retrieval), {@code sentence1} and
 * {@code sentence2} for scored pairs.
 */
public enum PromptRole {
    ANCHOR,
    POSITIVE,
    /** Takes the positive's prompt unless given its own: negatives are documents, as positives are. */
    NEGATIVE,
    SENTENCE1,
    SENTENCE2;

    /** The role's name in a {@code --prompts} specification. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role of that name (case-insensitive), if any. */
    public static Optional<PromptRole> byKey(String key) {
        return Arrays.stream(values()).filter(role -> role.key().equalsIgnoreCase(key)).findFirst();
    }

    /** Every role's name, for messages: {@code anchor, positive, …}. */
    public static String keys() {
        return Arrays.stream(values()).map(PromptRole::key).collect(Collectors.joining(", "));
    }
}
