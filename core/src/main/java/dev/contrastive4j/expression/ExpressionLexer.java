package dev.contrastive4j.expression;

import dev.contrastive4j.expression.Token.Kind;

/**
 * Splits a loss expression into tokens on demand, so that an error is reported at the first offending
 * position even when the text further on is not even lexically valid.
 */
final class ExpressionLexer {

    private final String source;
    private int position;

    ExpressionLexer(String source) {
        this.source = source;
    }

    /** The next token; {@link Kind#END} (at the column after the last character) once the input is used up. */
    Token next() {
        while (position < source.length() && Character.isWhitespace(source.charAt(position))) {
            position++;
        }
        if (position == source.length()) {
            return new Token(Kind.END, "", "", position + 1);
        }
        char c = source.charAt(position);
        return switch (c) {
            case '*' -> single(Kind.STAR);
            case '+' -> single(Kind.PLUS);
            case '(' -> single(Kind.OPEN);
            case ')' -> single(Kind.CLOSE);
            case '[' -> single(Kind.OPEN_BRACKET);
            case ']' -> single(Kind.CLOSE_BRACKET);
            case ',' -> single(Kind.COMMA);
            case '=' -> single(Kind.EQUALS);
            case '"', '\'' -> quoted(c);
            default -> {
                if (!ExpressionSyntax.isBareWordChar(c)) {
                    throw new LossExpressionException(source, position + 1, "unexpected character " + show(c)
                            + " (values that contain it must be quoted)");
                }
                yield word();
            }
        };
    }

    private Token single(Kind kind) {
        position++;
        return new Token(kind, source.substring(position - 1, position), source.substring(position - 1, position),
                position);
    }

    private Token word() {
        int start = position;
        while (position < source.length()) {
            char c = source.charAt(position);
            if (ExpressionSyntax.isBareWordChar(c) || (c == '+' && ExpressionSyntax.isExponentSign(source, start, position))) {
                position++;
            } else {
                break;
            }
        }
        String text = source.substring(start, position);
        Kind kind = ExpressionSyntax.NUMBER.matcher(text).matches() ? Kind.NUMBER
                : ExpressionSyntax.NAME.matcher(text).matches() ? Kind.NAME
                : Kind.WORD;
        return new Token(kind, text, text, start + 1);
    }

    /** A quoted value; a backslash escapes the quote character and itself, and is literal before anything else. */
    private Token quoted(char quote) {
        int start = position++;
        StringBuilder content = new StringBuilder();
        while (position < source.length()) {
            char c = source.charAt(position);
            if (c == '\\' && position + 1 < source.length()
                    && (source.charAt(position + 1) == quote || source.charAt(position + 1) == '\\')) {
                content.append(source.charAt(position + 1));
                position += 2;
            } else if (c == quote) {
                position++;
                return new Token(Kind.STRING, source.substring(start, position), content.toString(), start + 1);
            } else {
                content.append(c);
                position++;
            }
        }
        throw new LossExpressionException(source, start + 1,
                "expected the closing " + quote + " of the value quoted here, found end of input");
    }

    private static String show(char c) {
        return Character.isISOControl(c) || Character.isSurrogate(c)
                ? String.format("U+%04X", (int) c)
                : "'" + c + "'";
    }
}
