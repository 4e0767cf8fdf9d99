package dev.contrastive4j.expression;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One {@code name=value} argument of a loss term, as written: the value is still text, typed only when
 * the expression is validated against the loss's descriptor.
 *
 * @param name the parameter name, lower case
 * @param rawValue the value's text; for a quoted value, its content with the escapes resolved; for a list,
 *     {@code [a, b]} with the elements' texts
 * @param nameColumn the 1-based column of the parameter name (unknown-parameter errors point here)
 * @param valueColumn the 1-based column of the value, or of a list's {@code [} (wrong-type errors point here)
 * @param items the elements of a list value ({@code dims=[384, 256]}), in order; {@code null} for a single value
 */
public record LossArgument(String name, String rawValue, int nameColumn, int valueColumn, List<Item> items) {

    /**
     * One element of a list value.
     *
     * @param rawValue its text
     * @param column its 1-based column (an element's wrong-type error points here)
     */
    public record Item(String rawValue, int column) {
    }

    /** A single-valued argument. */
    public LossArgument(String name, String rawValue, int nameColumn, int valueColumn) {
        this(name, rawValue, nameColumn, valueColumn, null);
    }

    /** A list-valued argument; its {@link #rawValue()} is {@code [a, b]}. */
    public static LossArgument list(String name, List<Item> items, int nameColumn, int bracketColumn) {
        String raw = items.stream().map(Item::rawValue).collect(Collectors.joining(", ", "[", "]"));
        return new LossArgument(name, raw, nameColumn, bracketColumn, items);
    }

    public LossArgument {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rawValue, "rawValue");
        items = items == null ? null : List.copyOf(items);
        if (!name.matches("[a-z][a-z0-9_-]*")) {
            throw new IllegalArgumentException("argument names are lower-case identifiers, got '" + name + "'");
        }
        if (nameColumn < 1 || valueColumn < 1) {
            throw new IllegalArgumentException("columns are 1-based, got " + nameColumn + " and " + valueColumn);
        }
    }

    /** Whether the value is a list. */
    public boolean isList() {
        return items != null;
    }
}
