package dev.contrastive4j.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LossExpressionExceptionTest {

    @Test
    void messageIsOneLineStartingWithTheColumn() {
        LossExpressionException error = new LossExpressionException("0.7*", 5, "expected a loss name after '*', found end of input");

        assertThat(error.getMessage())
                .isEqualTo("loss expression column 5: expected a loss name after '*', found end of input");
        assertThat(error.detail()).isEqualTo("expected a loss name after '*', found end of input");
        assertThat(error.column()).isEqualTo(5);
        assertThat(error.expression()).isEqualTo("0.7*");
    }

    @Test
    void caretSitsUnderTheColumn() {
        LossExpressionException error = new LossExpressionException("mnrl(scale=abc)", 12, "wrong type");

        // 11 spaces, then the caret under the 'a' of 'abc' (column 12).
        assertThat(error.expressionWithCaret()).isEqualTo("mnrl(scale=abc)\n           ^");
    }

    @Test
    void caretAfterTheLastCharacterMarksTheEndOfInput() {
        assertThat(new LossExpressionException("0.7*", 5, "x").expressionWithCaret()).isEqualTo("0.7*\n    ^");
        assertThat(new LossExpressionException("", 1, "x").expressionWithCaret()).isEqualTo("\n^");
    }

    @Test
    void tabsBeforeTheColumnAreRepeatedSoTheCaretLinesUp() {
        assertThat(new LossExpressionException("\tmnrl\t)", 7, "x").expressionWithCaret())
                .isEqualTo("\tmnrl\t)\n\t    \t^");
    }

    @Test
    void lineBreaksAreShownAsSpacesToKeepTheExpressionOnOneLine() {
        assertThat(new LossExpressionException("mnrl +\ncosent)", 14, "x").expressionWithCaret())
                .isEqualTo("mnrl + cosent)\n             ^");
    }

    @Test
    void parserErrorsRenderWithTheirCaret() {
        assertThatThrownBy(() -> LossExpression.parse("mnrl(scale=20"))
                .isInstanceOfSatisfying(LossExpressionException.class, e ->
                        assertThat(e.expressionWithCaret()).isEqualTo("mnrl(scale=20\n             ^"));
    }

    @Test
    void columnsAreOneBased() {
        assertThatThrownBy(() -> new LossExpressionException("mnrl", 0, "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsItsCause() {
        IllegalArgumentException cause = new IllegalArgumentException("inner");

        assertThat(new LossExpressionException("mnrl", 1, "x", cause)).hasCause(cause);
    }
}
