package dev.contrastive4j.expression;

import dev.contrastive4j.expression.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Recursive-descent parser for the grammar in the package documentation, one method per rule, with one
 * token of look-ahead, read only when needed so that the first error in the text is the one reported.
 * It checks syntax, weights and repeated names; whether a loss or parameter exists
 * is {@link LossExpressionValidator}'s job.
 */
final class LossExpressionParser {

    private static final String WEIGHT_RULE = "a weight that is a finite number > 0";

    private final String source;
    private final ExpressionLexer lexer;
    private Token lookahead; // null until peek() needs it
    private Token secondLookahead; // the token after lookahead, null until peekSecond() needs it

    private LossExpressionParser(String source) {
        this.source = source;
        this.lexer = new ExpressionLexer(source);
    }

    /** See {@link LossExpression#parse(String)}. */
    static LossExpression parse(String source) {
        Objects.requireNonNull(source, "source");
        return new LossExpressionParser(source).expression();
    }

    /** {@code expression := terms END} */
    private LossExpression expression() {
        LossExpression expression = terms("");
        Token rest = peek();
        if (rest.kind() == Kind.CLOSE) {
            throw error(rest, "found ')' without a matching '('");
        }
        if (rest.kind() != Kind.END) {
            throw error(rest, "expected '+' or the end of the expression, found " + rest.describe());
        }
        return expression;
    }

    /** {@code terms := term ('+' term)*}: a whole expression, or the loss a wrapper's first argument names. */
    private LossExpression terms(String where) {
        List<LossTerm> terms = new ArrayList<>();
        addTerm(terms, term(where));
        while (peek().kind() == Kind.PLUS) {
            advance();
            addTerm(terms, term(" after '+'"));
        }
        return new LossExpression(source, terms);
    }

    /** {@code term := [NUMBER '*'] NAME ['(' arguments ')']} */
    private LossTerm term(String where) {
        Token first = advance();
        double weight = 1.0;
        Token name;
        if (first.kind() == Kind.NUMBER) {
            weight = weight(first);
            Token star = advance();
            if (star.kind() != Kind.STAR) {
                throw error(star, "expected '*' between the weight " + first.text() + " and the loss name, found "
                        + star.describe());
            }
            name = advance();
            if (name.kind() != Kind.NAME) {
                throw error(name, "expected a loss name after '*', found " + name.describe() + nameHint(name));
            }
        } else if (first.kind() == Kind.NAME && peek().kind() == Kind.STAR) {
            // inf*mnrl, nan*mnrl, mnrl*2: a word where the weight goes.
            throw error(first, "expected " + WEIGHT_RULE + " before '*', found " + first.describe());
        } else if (first.kind() == Kind.NAME) {
            name = first;
        } else {
            throw error(first, "expected a loss name" + where + ", found " + first.describe() + nameHint(first));
        }
        List<LossArgument> arguments = new ArrayList<>();
        LossExpression inner = null;
        if (peek().kind() == Kind.OPEN) {
            inner = arguments(advance(), arguments);
        }
        return new LossTerm(weight, lowerCase(name), arguments, name.column(), inner);
    }

    private double weight(Token number) {
        double weight = Double.parseDouble(number.text());
        if (Double.isFinite(weight) && weight > 0) {
            return weight;
        }
        throw error(number, "expected " + WEIGHT_RULE + ", found " + number.describe() + outOfRangeHint(number, weight));
    }

    /** Why a weight that looks positive is not: it overflows, or it underflows to zero. */
    private static String outOfRangeHint(Token number, double weight) {
        if (Double.isInfinite(weight)) {
            return " (too large)";
        }
        boolean writtenAsPositive = !number.text().startsWith("-") && !number.text().matches("[0.]*([eE].*)?");
        return weight == 0 && writtenAsPositive ? " (too small: it rounds to 0)" : "";
    }

    /**
     * {@code arguments := [ (terms | argument) (',' argument)* ]}, after the '(' and up to and including the ')':
     * fills {@code arguments} and returns the wrapped loss (a first argument that is not {@code name=value}), or
     * {@code null}.
     */
    private LossExpression arguments(Token open, List<LossArgument> arguments) {
        if (peek().kind() == Kind.CLOSE) {
            advance();
            return null;
        }
        LossExpression inner = null;
        if (startsWrappedLoss()) {
            inner = terms(" as the wrapped loss");
            Token separator = advance();
            if (separator.kind() == Kind.CLOSE) {
                return inner;
            }
            if (separator.kind() != Kind.COMMA) {
                throw error(separator, "expected '+', ',' or ')' after the wrapped loss in the '(' at column "
                        + open.column() + ", found " + separator.describe() + unclosed(open, separator));
            }
        }
        while (true) {
            arguments.add(argument(open, arguments));
            Token separator = advance();
            if (separator.kind() == Kind.CLOSE) {
                return inner;
            }
            if (separator.kind() != Kind.COMMA) {
                throw error(separator, "expected ',' or ')' to close the '(' at column " + open.column()
                        + ", found " + separator.describe());
            }
        }
    }

    /** {@code argument := NAME '=' (NUMBER | NAME | WORD | STRING)} */
    private LossArgument argument(Token open, List<LossArgument> earlier) {
        Token name = advance();
        if (name.kind() != Kind.NAME) {
            throw error(name, "expected a parameter name, found " + name.describe() + unclosed(open, name));
        }
        String parameter = lowerCase(name);
        for (LossArgument other : earlier) {
            if (other.name().equals(parameter)) {
                throw error(name, "argument '" + parameter + "' is given twice (first at column "
                        + other.nameColumn() + ")");
            }
        }
        Token equals = advance();
        if (equals.kind() != Kind.EQUALS) {
            throw error(equals, "expected '=' after parameter '" + parameter + "', found " + equals.describe()
                    + unclosed(open, equals));
        }
        Token value = advance();
        if (value.kind() == Kind.OPEN_BRACKET) {
            return LossArgument.list(parameter, listItems(value, parameter), name.column(), value.column());
        }
        if (!value.isValue()) {
            throw error(value, "expected a value for parameter '" + parameter + "', found " + value.describe()
                    + unclosed(open, value));
        }
        return new LossArgument(parameter, value.value(), name.column(), value.column());
    }

    /** {@code list := '[' [value (',' value)*] ']'}, after the '[' and up to and including the ']'. */
    private List<LossArgument.Item> listItems(Token bracket, String parameter) {
        List<LossArgument.Item> items = new ArrayList<>();
        if (peek().kind() == Kind.CLOSE_BRACKET) {
            advance();
            return items;
        }
        while (true) {
            Token item = advance();
            if (!item.isValue()) {
                throw error(item, "expected a list element for parameter '" + parameter + "', found "
                        + item.describe() + unclosedList(bracket, item));
            }
            items.add(new LossArgument.Item(item.value(), item.column()));
            Token separator = advance();
            if (separator.kind() == Kind.CLOSE_BRACKET) {
                return items;
            }
            if (separator.kind() != Kind.COMMA) {
                throw error(separator, "expected ',' or ']' to close the '[' at column " + bracket.column()
                        + ", found " + separator.describe());
            }
        }
    }

    /**
     * A first argument that is a loss, not {@code name=value}: a weight and '*', or a name followed by what may
     * follow a loss ({@code ( + , )}). Anything else is read as a parameter, whose errors then say what is missing.
     */
    private boolean startsWrappedLoss() {
        Kind first = peek().kind();
        Kind second = first == Kind.NUMBER || first == Kind.NAME ? peekSecond().kind() : Kind.END;
        return (first == Kind.NUMBER && second == Kind.STAR) || (first == Kind.NAME
                && (second == Kind.OPEN || second == Kind.PLUS || second == Kind.COMMA || second == Kind.CLOSE));
    }

    /** Rejects a term that repeats an earlier one word for word: it would only add to that term's weight. */
    private void addTerm(List<LossTerm> terms, LossTerm term) {
        for (LossTerm earlier : terms) {
            if (earlier.signature().equals(term.signature())) {
                throw new LossExpressionException(source, term.column(), "loss '" + term.name()
                        + "' repeats the term at column " + earlier.column()
                        + " with the same arguments; write it once with the summed weight");
            }
        }
        terms.add(term);
    }

    private Token peek() {
        if (lookahead == null) {
            lookahead = lexer.next();
        }
        return lookahead;
    }

    private Token peekSecond() {
        peek();
        if (secondLookahead == null) {
            secondLookahead = lexer.next();
        }
        return secondLookahead;
    }

    private Token advance() {
        Token current = peek();
        lookahead = secondLookahead;
        secondLookahead = null;
        return current;
    }

    private LossExpressionException error(Token at, String detail) {
        return new LossExpressionException(source, at.column(), detail);
    }

    private static String lowerCase(Token name) {
        return name.text().toLowerCase(Locale.ROOT);
    }

    private static String nameHint(Token token) {
        return token.kind() == Kind.WORD || token.kind() == Kind.NUMBER
                ? " (loss names start with a letter and contain only letters, digits, '_' and '-')"
                : "";
    }

    private static String unclosedList(Token bracket, Token found) {
        return found.kind() == Kind.END ? " (the '[' at column " + bracket.column() + " is never closed)" : "";
    }

    private static String unclosed(Token open, Token found) {
        return found.kind() == Kind.END ? " (the '(' at column " + open.column() + " is never closed)" : "";
    }
}
