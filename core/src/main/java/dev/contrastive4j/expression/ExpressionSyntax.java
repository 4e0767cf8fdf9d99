package dev.contrastive4j.expression;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * The lexical rules that the lexer reads and the canonical printer writes, kept in one place so that
 * whatever is printed reads back as the same token.
 */
final class ExpressionSyntax {

    /** A weight or a numeric value: optional minus, digits with an optional fraction, optional exponent. */
    static final Pattern NUMBER = Pattern.compile("-?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

    /** A loss or parameter name. */
    static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    /** The start of a number up to an exponent marker, after which a {@code +} belongs to the number. */
    private static final Pattern NUMBER_BEFORE_EXPONENT_SIGN =
            Pattern.compile("-?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)[eE]");

    /** Plain notation between these decimal exponents, scientific outside: {@code 0.000001} but {@code 1e-7}. */
    private static final int MIN_PLAIN_EXPONENT = -6;
    private static final int MAX_PLAIN_EXPONENT = 15;

    private ExpressionSyntax() {
    }

    /** Whether {@code c} may appear in a bare (unquoted) word: letters, digits, {@code _ - . /}. */
    static boolean isBareWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '/';
    }

    /**
     * Whether a {@code +} at {@code plus} continues the word that starts at {@code start}, as the sign of
     * an exponent in {@code 1e+5}; anywhere else {@code +} separates terms.
     */
    static boolean isExponentSign(String text, int start, int plus) {
        return plus + 1 < text.length()
                && Character.isDigit(text.charAt(plus + 1))
                && NUMBER_BEFORE_EXPONENT_SIGN.matcher(text).region(start, plus).matches();
    }

    /**
     * The shortest decimal that {@link Double#parseDouble} reads back as exactly {@code value}
     * ({@code 0.7}, {@code 20}, {@code 2.5}, {@code 1e-7}, {@code 5e-324}), plain between 1e-6 and 1e16,
     * scientific outside. Java 17's {@link Double#toString} is not always the shortest, hence this.
     */
    static String number(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("only finite numbers have a canonical form, got " + value);
        }
        if (value == 0) {
            // -0.0 and 0.0 differ under Double.equals, so the sign must survive the round trip.
            return Double.doubleToRawLongBits(value) < 0 ? "-0" : "0";
        }
        BigDecimal decimal = shortestDecimal(value).stripTrailingZeros();
        int exponent = decimal.precision() - decimal.scale() - 1;
        if (exponent >= MIN_PLAIN_EXPONENT && exponent <= MAX_PLAIN_EXPONENT) {
            return decimal.toPlainString();
        }
        String digits = decimal.unscaledValue().abs().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (decimal.signum() < 0 ? "-" : "") + mantissa + "e" + exponent;
    }

    private static BigDecimal shortestDecimal(double value) {
        BigDecimal exact = new BigDecimal(value);
        // Rounding to the nearest p-digit decimal almost always finds the shortest one; next to a power
        // of two the rounding interval is lopsided, so the p-digit neighbours on either side are tried too.
        RoundingMode[] modes = {RoundingMode.HALF_EVEN, RoundingMode.FLOOR, RoundingMode.CEILING};
        for (int precision = 1; precision <= 17; precision++) {
            for (RoundingMode mode : modes) {
                BigDecimal candidate = exact.round(new MathContext(precision, mode));
                if (Double.parseDouble(candidate.toString()) == value) {
                    return candidate;
                }
            }
        }
        return exact; // unreachable: 17 significant digits always identify a double
    }

    /**
     * {@code text} as a value the lexer reads back unchanged: bare when every character may appear in a
     * bare word, otherwise in double quotes with {@code "} escaped, and {@code \} escaped only where the
     * lexer would otherwise read it as an escape (before {@code "}, {@code \} or the closing quote), so
     * that Windows paths stay readable.
     */
    static String word(String text) {
        if (!text.isEmpty() && text.chars().allMatch(c -> isBareWordChar((char) c))) {
            return text;
        }
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean lastOrBeforeEscapable = i + 1 == text.length()
                    || text.charAt(i + 1) == '"' || text.charAt(i + 1) == '\\';
            if (c == '"' || (c == '\\' && lastOrBeforeEscapable)) {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }
}
