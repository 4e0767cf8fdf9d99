package dev.contrastive4j.expression;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A validated loss expression: every loss exists, every parameter is declared and has a typed value, and
 * no two terms name the same loss with the same values. The trainer builds one loss per term and sums
 * them with their weights.
 *
 * @param losses at least one weighted loss, in the order written
 */
public record LossSpec(List<WeightedLoss> losses) {

    public LossSpec {
        losses = List.copyOf(losses);
        if (losses.isEmpty()) {
            throw new IllegalArgumentException("a loss spec has at least one loss");
        }
    }

    /**
     * Parses and validates an expression in one step: {@code validate(parse(expression), catalog)}.
     *
     * @throws LossExpressionException if the expression is malformed or names an unknown loss or parameter,
     *     or a value of the wrong type
     */
    public static LossSpec parse(String expression, LossCatalog catalog) {
        return LossExpressionValidator.validate(LossExpression.parse(expression), catalog);
    }

    /**
     * The expression in canonical form, for logs, run folders and reports:
     * {@code 0.7*angle + 0.3*triplet(margin=0.5, distance=cosine)}. Terms keep their order and are joined
     * by {@code " + "}; each uses the loss's canonical name (never an alias). A weight of exactly 1 is
     * left out ({@code mnrl}, not {@code 1*mnrl}); other weights, and number parameters, are the shortest
     * decimal that reads back as the same double ({@code 0.7}, {@code 20}, {@code 1e-7}). Only the
     * parameters the user gave appear, in the descriptor's declaration order, as {@code name=value}
     * separated by {@code ", "}; text values are double-quoted when a bare word cannot hold them.
     *
     * <p>Parsing and validating the canonical form against the same catalog gives back an equal spec.
     */
    public String canonical() {
        return losses.stream().map(WeightedLoss::canonical).collect(Collectors.joining(" + "));
    }
}
