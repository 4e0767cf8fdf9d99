package dev.contrastive4j.spi;

/** The value types a loss or converter parameter can have. */
public enum ParameterType {
    /** A whole number, held as {@link Integer}. */
    INTEGER,
    /** A finite real number, held as {@link Double}. */
    NUMBER,
    /** {@code true} or {@code false}, held as {@link Boolean}. */
    BOOLEAN,
    /** Free text, held as {@link String}. */
    STRING,
    /** One of a fixed list of lower-case words, held as {@link String}. */
    CHOICE,
    /** A list of whole numbers, written {@code [384, 256]}, held as an unmodifiable {@code List<Integer>}. Since 1.1. */
    INTEGER_LIST,
    /** A list of finite real numbers, written {@code [1, 0.5]}, held as an unmodifiable {@code List<Double>}. Since 1.1. */
    NUMBER_LIST;

    /**
     * Whether values are lists.
     *
     * @return true for {@link #INTEGER_LIST} and {@link #NUMBER_LIST}
     */
    public boolean isList() {
        return this == INTEGER_LIST || this == NUMBER_LIST;
    }

    /**
     * The name shown to users.
     *
     * @return the lower-case name ({@code number})
     */
    public String displayName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
