package dev.contrastive4j.expression;

import java.util.List;
import java.util.Objects;

/**
 * A parsed loss expression: the weighted terms the user wrote, in order, not yet checked against the
 * losses that exist. {@link LossExpressionValidator#validate} turns it into a {@link LossSpec}.
 *
 * @param source the text that was parsed; error columns refer to it
 * @param terms at least one term, no two with the same name and the same arguments
 */
public record LossExpression(String source, List<LossTerm> terms) {

    public LossExpression {
        Objects.requireNonNull(source, "source");
        terms = List.copyOf(terms);
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("a loss expression has at least one term");
        }
    }

    /**
     * Parses an expression such as {@code 0.7*angle + 0.3*triplet(margin=0.5, distance=cosine)}.
     * Loss and parameter names come back in lower case; values stay as written.
     *
     * @param source the expression as the user wrote it
     * @return the parsed terms, not yet checked against the losses that exist
     * @throws LossExpressionException if the text does not follow the grammar in the package documentation
     */
    public static LossExpression parse(String source) {
        return LossExpressionParser.parse(source);
    }
}
