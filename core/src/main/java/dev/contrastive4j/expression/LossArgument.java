package dev.contrastive4j.expression;

import java.util.Objects;

/**
 * One {@code name=value} argument of a loss term, as written: the value is still text, typed only when
 * the expression is validated against the loss's descriptor.
 *
 * @param name the parameter name, lower case
 * @param rawValue the value's text; for a quoted value, its content with the escapes resolved
 * @param nameColumn the 1-based column of the parameter name (unknown-parameter errors point here)
 * @param valueColumn the 1-based column of the value (wrong-type errors point here)
 */
public record LossArgument(String name, String rawValue, int nameColumn, int valueColumn) {

    public LossArgument {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rawValue, "rawValue");
        if (!name.matches("[a-z][a-z0-9_-]*")) {
            throw new IllegalArgumentException("argument names are lower-case identifiers, got '" + name + "'");
        }
        if (nameColumn < 1 || valueColumn < 1) {
            throw new IllegalArgumentException("columns are 1-based, got " + nameColumn + " and " + valueColumn);
        }
    }
}
