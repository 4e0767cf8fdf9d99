package dev.contrastive4j.expression;

import dev.contrastive4j.spi.ContrastiveException;
import java.util.Objects;

/**
 * A loss expression that cannot be parsed or validated. Its message is one line that names the 1-based
 * column, says what was expected and what was found:
 * {@code loss expression column 5: expected a loss name after '*', found end of input}.
 *
 * <p>{@link #expressionWithCaret()} renders the expression with a caret under that column, for a
 * verbose command line:
 * <pre>
 * mnrl(scale=abc)
 *            ^
 * </pre>
 */
public final class LossExpressionException extends ContrastiveException {

    private static final long serialVersionUID = 1L;

    private final String expression;
    private final int column;
    private final String detail;

    /**
     * @param expression the whole expression as the user wrote it
     * @param column the 1-based column the error points at; {@code expression.length() + 1} means
     *     "at the end of the input"
     * @param detail what was expected and what was found, without the column prefix
     */
    public LossExpressionException(String expression, int column, String detail) {
        this(expression, column, detail, null);
    }

    /** As {@link #LossExpressionException(String, int, String)}, keeping the error that caused this one. */
    public LossExpressionException(String expression, int column, String detail, Throwable cause) {
        super("loss expression column " + column + ": " + detail, cause);
        this.expression = Objects.requireNonNull(expression, "expression");
        this.detail = Objects.requireNonNull(detail, "detail");
        if (column < 1) {
            throw new IllegalArgumentException("columns are 1-based, got " + column);
        }
        this.column = column;
    }

    /** The whole expression as the user wrote it. */
    public String expression() {
        return expression;
    }

    /** The 1-based column the error points at; one past the last character means the end of the input. */
    public int column() {
        return column;
    }

    /** The message without its {@code loss expression column N: } prefix. */
    public String detail() {
        return detail;
    }

    /**
     * The expression on one line and, on the line below, a caret under {@link #column()}; the two lines
     * are joined by {@code \n}. Tabs before the column are repeated in the caret line so that the caret
     * lines up in a terminal; other whitespace (line breaks included) is shown as a space, so the
     * expression always takes one line.
     */
    public String expressionWithCaret() {
        StringBuilder shown = new StringBuilder(expression.length());
        StringBuilder caret = new StringBuilder(column);
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            char display = c != '\t' && Character.isWhitespace(c) ? ' ' : c;
            shown.append(display);
            if (i < column - 1) {
                caret.append(display == '\t' ? '\t' : ' ');
            }
        }
        while (caret.length() < column - 1) {
            caret.append(' ');
        }
        return shown.append('\n').append(caret).append('^').toString();
    }
}
