package dev.contrastive4j.compare;

import dev.contrastive4j.mining.MiningOptions;
import dev.contrastive4j.spi.ContrastiveException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One line of a comparison: a name (also its folder name), a loss expression, and the hyperparameters it sets
 * differently from the others.
 *
 * @param name letters, digits and {@code . _ + -}, starting with a letter or digit; not {@value #BASE_NAME}
 * @param loss a loss expression, e.g. {@code 0.5*angle + 0.5*triplet}
 * @param overrides hyperparameters of this configuration only
 * @param train this configuration's own training file instead of the comparison's (a seeded subset of it is taken
 *     when the comparison takes one, with the same seed and size)
 * @param mining mine hard negatives for this configuration's training data with the base model before training
 *     (from pairs or triplets; the mined file is kept in the configuration's folder and reused by every seed)
 */
public record CompareConfiguration(String name, String loss, TrainingOverrides overrides, Optional<Path> train,
        Optional<MiningOptions> mining) {

    /** The row of the untrained base model; no configuration may take this name. */
    public static final String BASE_NAME = "base";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");

    public CompareConfiguration {
        Objects.requireNonNull(overrides, "overrides");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(mining, "mining");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ContrastiveException("configuration name '" + name + "': expected letters, digits and . _ + -"
                    + " (it names a folder), starting with a letter or digit");
        }
        if (name.equalsIgnoreCase(BASE_NAME)) {
            throw new ContrastiveException("configuration name '" + name + "' is reserved for the untrained base"
                    + " model's row; choose another");
        }
        if (loss == null || loss.isBlank()) {
            throw new ContrastiveException("configuration '" + name + "': expected a loss expression, found none");
        }
    }

    public CompareConfiguration(String name, String loss) {
        this(name, loss, TrainingOverrides.NONE);
    }

    /** A configuration trained on the comparison's own training data. */
    public CompareConfiguration(String name, String loss, TrainingOverrides overrides) {
        this(name, loss, overrides, Optional.empty(), Optional.empty());
    }

    /** Whether this configuration trains on data of its own (a file, mined negatives, or both). */
    public boolean hasOwnData() {
        return train.isPresent() || mining.isPresent();
    }

    /**
     * The default comparison: the bundled ranking, pair and guided losses, and two weighted combinations. The
     * pair losses (angle, cosent) train on triplet data through the triplet → scored-pair converter, which the
     * trainer finds by itself.
     */
    public static List<CompareConfiguration> defaults() {
        return List.of(
                new CompareConfiguration("mnrl", "mnrl"),
                new CompareConfiguration("cmnrl", "cmnrl"),
                new CompareConfiguration("triplet", "triplet"),
                new CompareConfiguration("gist", "gist(guide=bge-small)"),
                new CompareConfiguration("angle", "angle"),
                new CompareConfiguration("cosent", "cosent"),
                new CompareConfiguration("angle+triplet", "0.5*angle + 0.5*triplet"),
                new CompareConfiguration("mnrl+angle", "0.5*mnrl + 0.5*angle"));
    }

    /**
     * Parses {@code --configs}: {@code name=expression} items separated by {@code ;}, e.g.
     * {@code "a=mnrl; b=0.5*angle + 0.5*triplet(margin=0.5)"}. An item that is a bare loss name ({@code mnrl})
     * is named after it. A {@code ;} or {@code =} inside parentheses or quotes belongs to the expression; empty
     * items (a trailing {@code ;}) are ignored.
     *
     * @throws ContrastiveException if an item is unnamed, no item is given, or two items share a name
     */
    public static List<CompareConfiguration> parseList(String text) {
        List<CompareConfiguration> configurations = new ArrayList<>();
        int position = 1;
        for (String item : splitTopLevel(text, ';')) {
            String trimmed = item.strip();
            if (trimmed.isEmpty()) {
                continue; // a stray or trailing ';'
            }
            int equals = indexOfTopLevel(trimmed, '=');
            if (equals < 0) {
                if (!NAME.matcher(trimmed).matches()) {
                    throw new ContrastiveException("--configs item " + position + " '" + trimmed + "': expected"
                            + " name=expression (only a bare loss name may stand alone)");
                }
                configurations.add(new CompareConfiguration(trimmed, trimmed));
            } else {
                configurations.add(new CompareConfiguration(trimmed.substring(0, equals).strip(),
                        trimmed.substring(equals + 1).strip()));
            }
            position++;
        }
        requireDistinctNames(configurations, "--configs");
        return List.copyOf(configurations);
    }

    /** @throws ContrastiveException naming {@code source} if two configurations share a name */
    static void requireDistinctNames(List<CompareConfiguration> configurations, String source) {
        if (configurations.isEmpty()) {
            throw new ContrastiveException(source + ": expected at least one configuration, found none");
        }
        Set<String> names = new HashSet<>();
        for (CompareConfiguration configuration : configurations) {
            if (!names.add(configuration.name().toLowerCase(Locale.ROOT))) {
                throw new ContrastiveException(source + ": two configurations are named '" + configuration.name()
                        + "'; names must differ (ignoring case: they name folders)");
            }
        }
    }

    /** Splits at {@code separator} where it is outside parentheses and quotes. */
    private static List<String> splitTopLevel(String text, char separator) {
        List<String> parts = new ArrayList<>();
        String rest = text;
        for (int index = indexOfTopLevel(rest, separator); index >= 0; index = indexOfTopLevel(rest, separator)) {
            parts.add(rest.substring(0, index));
            rest = rest.substring(index + 1);
        }
        parts.add(rest);
        return parts;
    }

    /** The first {@code character} outside parentheses and quotes, or -1. */
    private static int indexOfTopLevel(String text, char character) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\' && i + 1 < text.length()) {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (c == character && depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
