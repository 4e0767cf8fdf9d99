package dev.contrastive4j.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.contrastive4j.spi.ContrastiveException;
import org.junit.jupiter.api.Test;

/** Every malformed expression fails with the column of the first offending character and says why. */
class LossExpressionSyntaxErrorTest {

    @Test
    void missingNameAfterStarPointsAtEndOfInput() {
        assertError("0.7*", 5, "expected a loss name after '*', found end of input");
    }

    @Test
    void negativeWeightIsRejected() {
        assertError("-1*mnrl", 1, "expected a weight that is a finite number > 0, found '-1'");
    }

    @Test
    void zeroWeightIsRejected() {
        assertError("0*mnrl", 1, "expected a weight that is a finite number > 0, found '0'");
        assertError("mnrl + 0.0*cosent", 8, "expected a weight that is a finite number > 0, found '0.0'");
    }

    @Test
    void infinityAndNanAreNotWeights() {
        assertError("inf*mnrl", 1, "expected a weight that is a finite number > 0 before '*', found 'inf'");
        assertError("NaN * mnrl", 1, "expected a weight that is a finite number > 0 before '*', found 'NaN'");
        assertError("Infinity*mnrl", 1,
                "expected a weight that is a finite number > 0 before '*', found 'Infinity'");
    }

    @Test
    void weightBeyondDoubleRangeIsRejected() {
        assertError("1e999*mnrl", 1, "expected a weight that is a finite number > 0, found '1e999' (too large)");
        assertError("1e-400*mnrl", 1,
                "expected a weight that is a finite number > 0, found '1e-400' (too small: it rounds to 0)");
    }

    @Test
    void weightWithoutStarIsRejectedAtTheName() {
        assertError("0.5 mnrl", 5, "expected '*' between the weight 0.5 and the loss name, found 'mnrl'");
    }

    @Test
    void emptyExpressionNeedsALossName() {
        assertError("", 1, "expected a loss name, found end of input");
        assertError("   ", 4, "expected a loss name, found end of input");
    }

    @Test
    void danglingPlusNeedsAnotherTerm() {
        assertError("mnrl +", 7, "expected a loss name after '+', found end of input");
    }

    @Test
    void nameThatIsNotAnIdentifierIsExplained() {
        assertError("2mnrl", 1, "expected a loss name, found '2mnrl'"
                + " (loss names start with a letter and contain only letters, digits, '_' and '-')");
    }

    @Test
    void unclosedParenthesisNamesWhereItOpened() {
        assertError("mnrl(scale=20", 14, "expected ',' or ')' to close the '(' at column 5, found end of input");
        assertError("mnrl(", 6,
                "expected a parameter name, found end of input (the '(' at column 5 is never closed)");
    }

    @Test
    void closingParenthesisWithoutOpeningOneIsRejected() {
        assertError("mnrl)", 5, "found ')' without a matching '('");
        assertError("mnrl(scale=1))", 14, "found ')' without a matching '('");
    }

    @Test
    void argumentNeedsAValue() {
        assertError("mnrl(scale=)", 12, "expected a value for parameter 'scale', found ')'");
    }

    @Test
    void argumentNeedsAnEqualsSign() {
        assertError("mnrl(scale 20)", 12, "expected '=' after parameter 'scale', found '20'");
    }

    @Test
    void argumentsNeedCommasBetweenThem() {
        assertError("mnrl(scale=1 similarity=dot)", 14,
                "expected ',' or ')' to close the '(' at column 5, found 'similarity'");
    }

    @Test
    void trailingCommaIsRejected() {
        assertError("mnrl(scale=1,)", 14, "expected a parameter name, found ')'");
    }

    @Test
    void duplicateArgumentPointsAtTheSecondOne() {
        assertError("mnrl(scale=1, scale=2)", 15, "argument 'scale' is given twice (first at column 6)");
        assertError("mnrl(scale=1, SCALE=2)", 15, "argument 'scale' is given twice (first at column 6)");
    }

    @Test
    void trailingGarbageIsRejected() {
        assertError("mnrl(scale=20) foo", 16, "expected '+' or the end of the expression, found 'foo'");
        assertError("mnrl cosent", 6, "expected '+' or the end of the expression, found 'cosent'");
    }

    @Test
    void nameWhereTheWeightGoesIsRejected() {
        assertError("mnrl*2", 1, "expected a weight that is a finite number > 0 before '*', found 'mnrl'");
    }

    @Test
    void characterThatNoTokenHoldsIsRejectedWhereItIs() {
        assertError("mnrl $", 6, "unexpected character '$' (values that contain it must be quoted)");
        assertError("gist(guide=~/models)", 12, "unexpected character '~' (values that contain it must be quoted)");
    }

    @Test
    void unterminatedQuotePointsAtTheOpeningQuote() {
        assertError("gist(guide=\"abc", 12, "expected the closing \" of the value quoted here, found end of input");
        assertError("gist(guide='it\\')", 12, "expected the closing ' of the value quoted here, found end of input");
    }

    @Test
    void exactDuplicateTermIsRejectedAtTheRepeat() {
        assertError("mnrl + mnrl", 8,
                "loss 'mnrl' repeats the term at column 1 with the same arguments; write it once with the summed weight");
    }

    @Test
    void duplicateTermIgnoresArgumentOrderCaseAndQuotes() {
        assertError("mnrl(scale=2, similarity=dot) + 0.5*MNRL(Similarity='dot', scale=2)", 37,
                "loss 'mnrl' repeats the term at column 1 with the same arguments; write it once with the summed weight");
    }

    @Test
    void firstErrorInTheTextWinsOverLaterOnes() {
        assertError("0.5 mnrl $ )", 5, "expected '*' between the weight 0.5 and the loss name, found 'mnrl'");
    }

    @Test
    void syntaxErrorsAreContrastiveExceptionsWithOneLineMessages() {
        LossExpressionException error = parseError("mnrl(scale=)");

        assertThat(error).isInstanceOf(ContrastiveException.class);
        assertThat(error.getMessage())
                .isEqualTo("loss expression column 12: expected a value for parameter 'scale', found ')'")
                .doesNotContain("\n");
        assertThat(error.expression()).isEqualTo("mnrl(scale=)");
    }

    private static void assertError(String source, int column, String detail) {
        LossExpressionException error = parseError(source);
        assertThat(error.column()).as("column for %s", source).isEqualTo(column);
        assertThat(error.detail()).as("detail for %s", source).isEqualTo(detail);
    }

    private static LossExpressionException parseError(String source) {
        LossExpressionException error =
                catchThrowableOfType(LossExpressionException.class, () -> LossExpression.parse(source));
        assertThat(error).as("parsing %s should fail", source).isNotNull();
        return error;
    }
}
