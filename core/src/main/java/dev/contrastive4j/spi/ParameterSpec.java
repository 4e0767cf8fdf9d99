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
 * or, for full control, with {@link #builder(String, ParameterType)}, so that a minor SPI version can add a field
 * without breaking a plugin compiled against an older one.
 */
public final class ParameterSpec {

    private final String name;
    private final ParameterType type;
    private final Object defaultValue;
    private final String doc;
    private final Double min;
    private final boolean minInclusive;
    private final Double max;
    private final boolean maxInclusive;
    private final List<String> choices;

    private ParameterSpec(Builder builder) {
        this.name = builder.name;
        this.type = builder.type;
        this.defaultValue = Objects.requireNonNull(builder.defaultValue,
                () -> "parameter '" + name + "' needs a default");
        this.doc = Objects.requireNonNull(builder.doc, () -> "parameter '" + name + "' needs a doc");
        this.min = builder.min;
        this.minInclusive = builder.minInclusive;
        this.max = builder.max;
        this.maxInclusive = builder.maxInclusive;
        this.choices = List.copyOf(builder.choices);
        if (type == ParameterType.CHOICE && choices.isEmpty()) {
            throw new IllegalArgumentException("choice parameter '" + name + "' needs its choices");
        }
        if (type == ParameterType.CHOICE && !choices.contains(defaultValue)) {
            throw new IllegalArgumentException("default '" + defaultValue + "' of '" + name + "' is not a choice");
        }
    }

    /**
     * The positional constructor of SPI 1.0 and 1.1, kept so that plugins compiled against them still run.
     *
     * @param name the parameter's name as written in a loss expression
     * @param type the value type
     * @param defaultValue the value used when the expression does not name the parameter
     * @param doc one sentence for {@code c4j losses}
     * @param min lower bound for numbers, or {@code null}
     * @param minInclusive whether {@code min} itself is allowed
     * @param max upper bound for numbers, or {@code null}
     * @param maxInclusive whether {@code max} itself is allowed
     * @param choices the allowed words for {@link ParameterType#CHOICE}, otherwise empty
     * @deprecated since 1.2: use the static factories or {@link #builder(String, ParameterType)}
     */
    @Deprecated(since = "1.2")
    public ParameterSpec(String name, ParameterType type, Object defaultValue, String doc, Double min,
            boolean minInclusive, Double max, boolean maxInclusive, List<String> choices) {
        this(bounded(builder(name, type).defaultValue(defaultValue).doc(doc).choices(choices), min, minInclusive,
                max, maxInclusive));
    }

    private static Builder bounded(Builder builder, Double min, boolean minInclusive, Double max,
            boolean maxInclusive) {
        builder.min = min;
        builder.minInclusive = minInclusive;
        builder.max = max;
        builder.maxInclusive = maxInclusive;
        return builder;
    }

    /**
     * Starts a spec of any type; the static factories ({@link #number} and the like) are shortcuts for the usual
     * cases.
     *
     * @param name the parameter's name as written in a loss expression ({@code margin})
     * @param type the value type
     * @return a builder; {@link Builder#defaultValue} and {@link Builder#doc} are required
     * @throws IllegalArgumentException if the name is not a lower-case identifier
     * @since 1.2
     */
    public static Builder builder(String name, ParameterType type) {
        return new Builder(name, type);
    }

    /**
     * A builder holding this spec's fields, to derive a changed copy.
     *
     * @return a new builder
     * @since 1.2
     */
    public Builder toBuilder() {
        return bounded(new Builder(name, type).defaultValue(defaultValue).doc(doc).choices(choices), min,
                minInclusive, max, maxInclusive);
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
        return builder(name, ParameterType.INTEGER).defaultValue(defaultValue).doc(doc).build();
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
        return builder(name, ParameterType.NUMBER).defaultValue(defaultValue).doc(doc).build();
    }

    /**
     * A {@code true}/{@code false} parameter.
     *
     * @param name the parameter's name as written in a loss expression
     * @param defaultValue the value when the expression does not set it
     * @param doc one sentence for {@code c4j losses}
     * @return the spec
     */
    public static ParameterSpec bool(String name, boolean defaultValue, String doc) {
        return builder(name, ParameterType.BOOLEAN).defaultValue(defaultValue).doc(doc).build();
    }

    /**
     * A free-text parameter.
     *
     * @param name the parameter's name as written in a loss expression
     * @param defaultValue the value when the expression does not set it
     * @param doc one sentence for {@code c4j losses}
     * @return the spec
     */
    public static ParameterSpec string(String name, String defaultValue, String doc) {
        return builder(name, ParameterType.STRING).defaultValue(defaultValue).doc(doc).build();
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
        return builder(name, ParameterType.CHOICE).defaultValue(defaultValue).choices(choices).doc(doc).build();
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
        return builder(name, ParameterType.INTEGER_LIST).defaultValue(List.copyOf(defaultValue)).doc(doc).build();
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
        return builder(name, ParameterType.NUMBER_LIST).defaultValue(List.copyOf(defaultValue)).doc(doc).build();
    }

    /**
     * Requires values {@code >= bound}.
     *
     * @param bound the smallest allowed value
     * @return a copy of this spec with that lower bound
     */
    public ParameterSpec atLeast(double bound) {
        return toBuilder().atLeast(bound).build();
    }

    /**
     * Requires values {@code > bound}.
     *
     * @param bound the exclusive lower bound
     * @return a copy of this spec with that lower bound
     */
    public ParameterSpec greaterThan(double bound) {
        return toBuilder().greaterThan(bound).build();
    }

    /**
     * Requires values {@code <= bound}.
     *
     * @param bound the largest allowed value
     * @return a copy of this spec with that upper bound
     */
    public ParameterSpec atMost(double bound) {
        return toBuilder().atMost(bound).build();
    }

    /**
     * Requires values {@code < bound}.
     *
     * @param bound the exclusive upper bound
     * @return a copy of this spec with that upper bound
     */
    public ParameterSpec lessThan(double bound) {
        return toBuilder().lessThan(bound).build();
    }

    /** @return the parameter's name as written in a loss expression ({@code margin}) */
    public String name() {
        return name;
    }

    /** @return the value type */
    public ParameterType type() {
        return type;
    }

    /** @return the value used when the expression does not name the parameter; never {@code null} */
    public Object defaultValue() {
        return defaultValue;
    }

    /** @return one sentence for {@code c4j losses} */
    public String doc() {
        return doc;
    }

    /** @return lower bound for numbers, or {@code null} */
    public Double min() {
        return min;
    }

    /** @return whether {@link #min()} itself is allowed */
    public boolean minInclusive() {
        return minInclusive;
    }

    /** @return upper bound for numbers, or {@code null} */
    public Double max() {
        return max;
    }

    /** @return whether {@link #max()} itself is allowed */
    public boolean maxInclusive() {
        return maxInclusive;
    }

    /** @return the allowed words for {@link ParameterType#CHOICE}, otherwise empty */
    public List<String> choices() {
        return choices;
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
    @Override
    public boolean equals(Object other) {
        return other instanceof ParameterSpec p && name.equals(p.name) && type == p.type
                && defaultValue.equals(p.defaultValue) && doc.equals(p.doc) && Objects.equals(min, p.min)
                && minInclusive == p.minInclusive && Objects.equals(max, p.max) && maxInclusive == p.maxInclusive
                && choices.equals(p.choices);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, defaultValue, doc, min, minInclusive, max, maxInclusive, choices);
    }

    @Override
    public String toString() {
        return "ParameterSpec[name=" + name + ", type=" + type + ", defaultValue=" + defaultValue + ", allowed="
                + allowedDescription() + "]";
    }

    /**
     * Collects a {@link ParameterSpec}'s fields; new fields get defaults, so a plugin built against an older
     * minor SPI version keeps compiling and running.
     *
     * @since 1.2
     */
    public static final class Builder {

        private final String name;
        private final ParameterType type;
        private Object defaultValue;
        private String doc;
        private Double min;
        private boolean minInclusive;
        private Double max;
        private boolean maxInclusive;
        private List<String> choices = List.of();

        private Builder(String name, ParameterType type) {
            Objects.requireNonNull(name, "name");
            if (!name.matches("[a-z][a-z0-9_]*")) {
                throw new IllegalArgumentException("parameter names are lower-case identifiers, got '" + name + "'");
            }
            this.name = name;
            this.type = Objects.requireNonNull(type, "type");
        }

        /**
         * Sets the value used when the expression does not name the parameter (required).
         *
         * @param value an {@link Integer}, {@link Double}, {@link Boolean}, {@link String} or list, as the type says
         * @return this builder
         */
        public Builder defaultValue(Object value) {
            this.defaultValue = Objects.requireNonNull(value, "defaultValue");
            return this;
        }

        /**
         * Sets the one sentence {@code c4j losses} prints (required).
         *
         * @param text the documentation
         * @return this builder
         */
        public Builder doc(String text) {
            this.doc = Objects.requireNonNull(text, "doc");
            return this;
        }

        /**
         * Sets the allowed words of a {@link ParameterType#CHOICE} parameter.
         *
         * @param words the allowed words, lower case
         * @return this builder
         */
        public Builder choices(List<String> words) {
            this.choices = List.copyOf(words);
            return this;
        }

        /**
         * Requires values {@code >= bound}.
         *
         * @param bound the smallest allowed value
         * @return this builder
         */
        public Builder atLeast(double bound) {
            min = bound;
            minInclusive = true;
            return this;
        }

        /**
         * Requires values {@code > bound}.
         *
         * @param bound the exclusive lower bound
         * @return this builder
         */
        public Builder greaterThan(double bound) {
            min = bound;
            minInclusive = false;
            return this;
        }

        /**
         * Requires values {@code <= bound}.
         *
         * @param bound the largest allowed value
         * @return this builder
         */
        public Builder atMost(double bound) {
            max = bound;
            maxInclusive = true;
            return this;
        }

        /**
         * Requires values {@code < bound}.
         *
         * @param bound the exclusive upper bound
         * @return this builder
         */
        public Builder lessThan(double bound) {
            max = bound;
            maxInclusive = false;
            return this;
        }

        /**
         * Checks and freezes the spec.
         *
         * @return the spec
         * @throws NullPointerException if the default or the doc is missing
         * @throws IllegalArgumentException if a choice parameter has no choices or its default is not one of them
         */
        public ParameterSpec build() {
            return new ParameterSpec(this);
        }
    }
}
