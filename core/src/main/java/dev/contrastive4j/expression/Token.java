package dev.contrastive4j.expression;

/**
 * One token of a loss expression.
 *
 * @param kind what the token is
 * @param text the token's source text (a quoted value keeps its quotes here)
 * @param value the token's meaning: for a quoted value its content with escapes resolved, else the text
 * @param column the 1-based column of the token's first character
 */
record Token(Kind kind, String text, String value, int column) {

    enum Kind {
        /** A bare word that reads as a number: {@code 0.7}, {@code -1}, {@code 1e-5}. */
        NUMBER,
        /** A bare word that reads as a name: letters, digits, {@code _}, {@code -}, starting with a letter. */
        NAME,
        /** Any other bare word: {@code runs/x/final}, {@code v1.5}. */
        WORD,
        /** A single- or double-quoted value. */
        STRING,
        STAR,
        PLUS,
        OPEN,
        CLOSE,
        /** {@code [}, which opens a list value. */
        OPEN_BRACKET,
        /** {@code ]}, which closes it. */
        CLOSE_BRACKET,
        COMMA,
        EQUALS,
        END
    }

    /** Whether this token can stand as an argument value. */
    boolean isValue() {
        return kind == Kind.NUMBER || kind == Kind.NAME || kind == Kind.WORD || kind == Kind.STRING;
    }

    /** How error messages name this token: {@code 'foo'}, {@code "a b"}, or {@code end of input}. */
    String describe() {
        return switch (kind) {
            case END -> "end of input";
            case STRING -> text;
            default -> "'" + text + "'";
        };
    }
}
