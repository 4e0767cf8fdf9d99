package dev.contrastive4j.spi;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One parameter of a loss or converter: its name, type, default, documentation and allowed values.
 *
 * <p>Build specs with the static factories and refine them with {@link #atLeast}, {@link #greaterThan},
 * {@link #atMost} and {@link #lessThan}:
 * <pre>{@code
 * ParameterSpec.number("scale", 20.0, "Multiplies the similarities before the softmax.").greaterThan(0)
 * ParameterSpec.choice("similarity", "cosine", List.of("cosine", "dot"), "How anchors and candidates are compared.")
 * }</pre>
 *
 * @param name the parameter's name as written in a loss expression ({@code margin})
 * @param type the value type
 * @param defaultValue the value used when the expression does not name the parameter; never {@code null}
 * @param doc one sentence for {@code c4j losses}
 * @param min lower bound for numbers, or {@code null}
 * @param minInclusive whether {@code min} itself is allowed
 * @param max upper bound for numbers, or {@code null}
 * @param maxInclusive whether {@code max} itself is allowed
 * @param choices the allowed words for {@link ParameterType#CHOICE}, otherwise empty
 */
public record ParameterSpec(
        String name,
        ParameterType type,
        Object defaultValue,
        String doc,
        Double min,
        boolean minInclusive,
        Double max,
        boolean maxInclusive,
        List<String> choices) {

    /**
     * Checks the name and, for choices, that there are some; copies the choices.
     *
     * @param name the parameter's name as written in a loss expression ({@code margin})
     * @param type the value type
     * @param defaultValue the value used when the expression does not name the parameter; never {@code null}
     * @param doc one sentence for {@code c4j losses}
     * @param min lower bound for numbers, or {@code null}
     * @param minInclusive whether {@code min} itself is allowed
     * @param max upper bound for numbers, or {@code null}
     * @param maxInclusive whether {@code max} itself is allowed
     * @param choices the allowed words for {@link ParameterType#CHOICE}, otherwise empty
     * @throws IllegalArgumentException if the name is not a lower-case identifier or a choice has no choices
     */
    public ParameterSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(doc, "doc");
        choices = List.copyOf(choices);
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("parameter names are lower-case identifiers, got '" + name + "'");
        }
        if (type == ParameterType.CHOICE && choices.isEmpty()) {
            throw new IllegalArgumentException("choice parameter '" + name + "' needs its choices");
        }
    }

    /**
     * A whole-number parameter.
     *
     * @param name the parameter's name as written in a loss expression
     * @param defaultValue the value when the expression does not set it
     * @param doc one sentence for {@code c4j losses}
     * @return a spec without range limits; refine it with {@link #atLeast} and the like
     */
    public static ParameterSpec integer(String name, int defaultValue, String doc) {
        return new ParameterSpec(name, ParameterType.INTEGER, defaultValue, doc, null, false, null, false, List.of());
    }

    /**
     * A real-number parameter.
     *
     * @param name the parameter's name as written in a loss expression
     * @param defaultValue the value when the expression does not set it
     * @param doc one sentence for {@code c4j losses}
     * @return a spec without range limits; refine it with {@link #atLeast} and the like
     */
    public static ParameterSpec number(String name, double defaultValue, String doc) {
        return new ParameterSpec(name, ParameterType.NUMBER, defaultValue, doc, null, false, null, false, List.of());
    }

    /**
     * A {@code true}/{@code false} parameter.
     *
     * @param name the parameter's name as written in a loss expression
     * @param defaultValue the value when the expression does not set it
     * @param doc one sentence for {@code c4j losses}
     * @return a spec without range limits; refine it with {@link #atLeast} and the like
     */
    public static ParameterSpec bool(String name, boolean defaultValue, String doc) {
        return new ParameterSpec(name, ParameterType.BOOLEAN, defaultValue, doc, null, false, null, false, List.of());
    }

    /**
     * A free-text parameter.
     *
     * @param name the parameter's name as written in a loss expression
     * @param defaultValue the value when the expression does not set it
     * @param doc one sentence for {@code c4j losses}
     * @return a spec without range limits; refine it with {@link #atLeast} and the like
     */
    public static ParameterSpec string(String name, String defaultValue, String doc) {
        return new ParameterSpec(name, ParameterType.STRING, defaultValue, doc, null, false, null, false, List.of());
    }

    /**
     * A parameter that takes one of a fixed list of lower-case words.
     *
     * @param name the parameter's name as written in a loss expression
     * @param defaultValue the word used when the expression does not set it; one of {@code choices}
     * @param choices the allowed words
     * @param doc one sentence for {@code c4j losses}
     * @return the spec
     * @throws IllegalArgumentException if the default is not one of the choices
     */
    public static ParameterSpec choice(String name, String defaultValue, List<String> choices, String doc) {
        if (!choices.contains(defaultValue)) {
            throw new IllegalArgumentException("default '" + defaultValue + "' of '" + name + "' is not a choice");
        }
        return new ParameterSpec(name, ParameterType.CHOICE, defaultValue, doc, null, false, null, false, choices);
    }

    /**
     * A list-of-whole-numbers parameter, written {@code [384, 256, 128]}; range limits apply to every element.
     *
     * @param name the parameter's name as written in a loss expression
     * @param defaultValue the list when the expression does not set it (may be empty)
     * @param doc one sentence for {@code c4j losses}
     * @return a spec without range limits; refine it with {@link #atLeast} and the like
     * @since 1.1
     */
    public static ParameterSpec integerList(String name, List<Integer> defaultValue, String doc) {
        return new ParameterSpec(name, ParameterType.INTEGER_LIST, List.copyOf(defaultValue), doc, null, false, null,
                false, List.of());
    }

    /**
     * A list-of-real-numbers parameter, written {@code [1, 0.5]}; range limits apply to every element.
     *
     * @param name the parameter's name as written in a loss expression
     * @param defaultValue the list when the expression does not set it (may be empty)
     * @param doc one sentence for {@code c4j losses}
     * @return a spec without range limits; refine it with {@link #atLeast} and the like
     * @since 1.1
     */
    public static ParameterSpec numberList(String name, List<Double> defaultValue, String doc) {
        return new ParameterSpec(name, ParameterType.NUMBER_LIST, List.copyOf(defaultValue), doc, null, false, null,
                false, List.of());
    }

    /**
     * Requires values {@code >= bound}.
     *
     * @param bound the smallest allowed value
     * @return this spec with that lower bound
     */
    public ParameterSpec atLeast(double bound) {
        return new ParameterSpec(name, type, defaultValue, doc, bound, true, max, maxInclusive, choices);
    }

    /**
     * Requires values {@code > bound}.
     *
     * @param bound the exclusive lower bound
     * @return this spec with that lower bound
     */
    public ParameterSpec greaterThan(double bound) {
        return new ParameterSpec(name, type, defaultValue, doc, bound, false, max, maxInclusive, choices);
    }

    /**
     * Requires values {@code <= bound}.
     *
     * @param bound the largest allowed value
     * @return this spec with that upper bound
     */
    public ParameterSpec atMost(double bound) {
        return new ParameterSpec(name, type, defaultValue, doc, min, minInclusive, bound, true, choices);
    }

    /**
     * Requires values {@code < bound}.
     *
     * @param bound the exclusive upper bound
     * @return this spec with that upper bound
     */
    public ParameterSpec lessThan(double bound) {
        return new ParameterSpec(name, type, defaultValue, doc, min, minInclusive, bound, false, choices);
    }

    /**
     * Turns the text a user wrote into a value of this parameter's type, checking range and choices.
     *
     * @param raw the value as written in a loss expression
     * @return an {@link Integer}, {@link Double}, {@link Boolean} or {@link String}, as {@link #type()} says
     * @throws IllegalArgumentException with a message that says what was expected and what was found
     */
    public Object parse(String raw) {
        if (type.isList()) {
            throw new IllegalArgumentException("expected a list of " + (type == ParameterType.INTEGER_LIST
                    ? "whole numbers" : "numbers") + " in brackets, like [1, 2], got '" + raw + "'");
        }
        Object value = parseScalar(type, raw);
        checkRange(value);
        return value;
    }

    /**
     * Parses one element of a list parameter, checking the range; {@link #parse} reads scalar parameters.
     *
     * @param raw one element as written in a loss expression
     * @return an {@link Integer} for {@link ParameterType#INTEGER_LIST}, a {@link Double} for
     *     {@link ParameterType#NUMBER_LIST}
     * @throws IllegalArgumentException if this is not a list parameter, or with a message that says what was
     *     expected and what was found
     * @since 1.1
     */
    public Object parseElement(String raw) {
        if (!type.isList()) {
            throw new IllegalArgumentException("expected a single value, not a list");
        }
        Object value = parseScalar(type == ParameterType.INTEGER_LIST ? ParameterType.INTEGER : ParameterType.NUMBER,
                raw);
        checkRange(value);
        return value;
    }

    private Object parseScalar(ParameterType scalarType, String raw) {
        String text = raw.strip();
        return switch (scalarType) {
            case INTEGER -> {
                try {
                    yield Integer.parseInt(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("expected a whole number, got '" + raw + "'");
                }
            }
            case NUMBER -> {
                double d;
                try {
                    d = Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("expected a number, got '" + raw + "'");
                }
                if (!Double.isFinite(d) || text.matches("(?i).*(nan|infinity).*")) {
                    throw new IllegalArgumentException("expected a finite number, got '" + raw + "'");
                }
                yield d;
            }
            case BOOLEAN -> switch (text.toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("expected true or false, got '" + raw + "'");
            };
            case STRING -> text;
            case CHOICE -> {
                String word = text.toLowerCase(Locale.ROOT);
                if (!choices.contains(word)) {
                    throw new IllegalArgumentException("expected one of " + String.join(", ", choices)
                            + ", got '" + raw + "'");
                }
                yield word;
            }
            case INTEGER_LIST, NUMBER_LIST -> throw new IllegalStateException("lists have no scalar form");
        };
    }

    /**
     * Checks a typed value (for instance a default) against the range; values that are not numbers pass.
     *
     * @param value the value to check
     * @throws IllegalArgumentException if a number lies outside the range
     */
    public void checkRange(Object value) {
        if (value instanceof List<?> list) {
            list.forEach(this::checkRange);
            return;
        }
        if (!(value instanceof Number number)) {
            return;
        }
        double d = number.doubleValue();
        if (min != null && (minInclusive ? d < min : d <= min)) {
            throw new IllegalArgumentException("must be " + (minInclusive ? ">= " : "> ") + format(min)
                    + ", got " + value);
        }
        if (max != null && (maxInclusive ? d > max : d >= max)) {
            throw new IllegalArgumentException("must be " + (maxInclusive ? "<= " : "< ") + format(max)
                    + ", got " + value);
        }
    }

    /**
     * The allowed values in words, for {@code c4j losses}.
     *
     * @return e.g. {@code "> 0"}, {@code "[0, 1]"}, {@code "cosine | dot"}, or "" when any value is allowed
     */
    public String allowedDescription() {
        if (type == ParameterType.CHOICE) {
            return String.join(" | ", choices);
        }
        if (min != null && max != null) {
            return (minInclusive ? "[" : "(") + format(min) + ", " + format(max) + (maxInclusive ? "]" : ")");
        }
        if (min != null) {
            return (minInclusive ? ">= " : "> ") + format(min);
        }
        if (max != null) {
            return (maxInclusive ? "<= " : "< ") + format(max);
        }
        return "";
    }

    private static String format(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
