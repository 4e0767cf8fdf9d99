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
    CHOICE;

    /**
     * The name shown to users.
     *
     * @return the lower-case name ({@code number})
     */
    public String displayName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
