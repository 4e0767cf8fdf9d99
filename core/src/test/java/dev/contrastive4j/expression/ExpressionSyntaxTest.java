package dev.contrastive4j.expression;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExpressionSyntaxTest {

    @Test
    void roundNumbersHaveNoFraction() {
        assertThat(ExpressionSyntax.number(20.0)).isEqualTo("20");
        assertThat(ExpressionSyntax.number(1.0)).isEqualTo("1");
        assertThat(ExpressionSyntax.number(-3.0)).isEqualTo("-3");
    }

    @Test
    void decimalsUseTheDigitsTheUserWouldWrite() {
        assertThat(ExpressionSyntax.number(0.7)).isEqualTo("0.7");
        assertThat(ExpressionSyntax.number(2.5)).isEqualTo("2.5");
        assertThat(ExpressionSyntax.number(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(ExpressionSyntax.number(1.0 / 3)).isEqualTo("0.3333333333333333");
    }

    @Test
    void veryLargeAndVerySmallNumbersUseAnExponent() {
        assertThat(ExpressionSyntax.number(0.000001)).isEqualTo("0.000001");
        assertThat(ExpressionSyntax.number(1e-7)).isEqualTo("1e-7");
        assertThat(ExpressionSyntax.number(1e15)).isEqualTo("1000000000000000");
        assertThat(ExpressionSyntax.number(1.5e16)).isEqualTo("1.5e16");
        assertThat(ExpressionSyntax.number(Double.MAX_VALUE)).isEqualTo("1.7976931348623157e308");
    }

    @Test
    void smallestDoubleNeedsOneDigit() {
        // 4.9e-324 is what Java 17 prints, but 5e-324 already reads back as Double.MIN_VALUE.
        assertThat(ExpressionSyntax.number(Double.MIN_VALUE)).isEqualTo("5e-324");
    }

    @Test
    void negativeZeroKeepsItsSign() {
        assertThat(ExpressionSyntax.number(-0.0)).isEqualTo("-0");
        assertThat(ExpressionSyntax.number(0.0)).isEqualTo("0");
    }

    @Test
    void printedNumbersReadBackExactlyAndAreNeverLongerThanJavas() {
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            double value = Double.longBitsToDouble(random.nextLong());
            if (!Double.isFinite(value)) {
                continue;
            }
            String printed = ExpressionSyntax.number(value);

            assertThat(Double.parseDouble(printed)).as(printed).isEqualTo(value);
            assertThat(ExpressionSyntax.NUMBER.matcher(printed).matches()).as(printed).isTrue();
            assertThat(significantDigits(printed)).as(printed).isLessThanOrEqualTo(significantDigits(Double.toString(value)));
        }
    }

    @Test
    void bareWordsStayBare() {
        assertThat(ExpressionSyntax.word("bge-small")).isEqualTo("bge-small");
        assertThat(ExpressionSyntax.word("runs/x/final")).isEqualTo("runs/x/final");
        assertThat(ExpressionSyntax.word("modèle")).isEqualTo("modèle");
    }

    @Test
    void otherTextIsDoubleQuotedWithMinimalEscapes() {
        assertThat(ExpressionSyntax.word("")).isEqualTo("\"\"");
        assertThat(ExpressionSyntax.word("a b")).isEqualTo("\"a b\"");
        assertThat(ExpressionSyntax.word("say \"hi\"")).isEqualTo("\"say \\\"hi\\\"\"");
        assertThat(ExpressionSyntax.word("C:\\models\\x")).isEqualTo("\"C:\\models\\x\"");
        assertThat(ExpressionSyntax.word("ends\\")).isEqualTo("\"ends\\\\\"");
        assertThat(ExpressionSyntax.word("a\\\\b")).isEqualTo("\"a\\\\\\b\"");
        assertThat(ExpressionSyntax.word("1e+5")).isEqualTo("\"1e+5\"");
    }

    @Test
    void printedWordsLexBackAsOneTokenWithTheSameValue() {
        String alphabet = "ab9_-./ \\\"',()=+*é";
        Random random = new Random(11);
        for (int i = 0; i < 5_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(8);
            for (int j = 0; j < length; j++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String printed = ExpressionSyntax.word(text.toString());
            ExpressionLexer lexer = new ExpressionLexer(printed);

            Token token = lexer.next();

            assertThat(token.value()).as(printed).isEqualTo(text.toString());
            assertThat(lexer.next().kind()).as(printed).isEqualTo(Token.Kind.END);
        }
    }

    private static int significantDigits(String number) {
        return new BigDecimal(number).stripTrailingZeros().precision();
    }
}
