package dev.contrastive4j.expression;

import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.LossDescriptor;
import dev.contrastive4j.spi.ParameterSpec;
import dev.contrastive4j.spi.ParameterValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Checks a parsed expression against the losses that exist and types its argument values, turning a
 * {@link LossExpression} into a {@link LossSpec}. Every error is a {@link LossExpressionException} at the
 * column of the offending loss name, parameter name or value.
 */
public final class LossExpressionValidator {

    private LossExpressionValidator() {
    }

    /**
     * Resolves each term's loss through the catalog (aliases become canonical names), checks that every
     * argument names a declared parameter, and parses every value with {@link ParameterSpec#parse}.
     * Two terms that end up with the same loss and the same values for every parameter (defaults
     * included: {@code mnrl + mnrl(scale=20)} when 20 is the default) are rejected, since they are
     * one loss counted twice.
     *
     * @param expression a parsed expression; error columns refer to its {@link LossExpression#source()}
     * @param catalog the losses that exist
     * @return the validated spec, terms in the order written
     * @throws LossExpressionException for an unknown loss (keeping the catalog's message), an unknown
     *     parameter (listing the valid ones), a value of the wrong type or out of range, or a repeated loss
     */
    public static LossSpec validate(LossExpression expression, LossCatalog catalog) {
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(catalog, "catalog");
        List<WeightedLoss> losses = new ArrayList<>();
        List<LossTerm> terms = expression.terms();
        for (int i = 0; i < terms.size(); i++) {
            LossTerm term = terms.get(i);
            LossDescriptor descriptor = describe(expression, catalog, term);
            LossSpec inner = inner(expression, catalog, descriptor, term);
            WeightedLoss loss = new WeightedLoss(term.weight(), descriptor, parameters(expression, descriptor, term),
                    inner);
            for (int j = 0; j < i; j++) {
                if (sameLossAndValues(losses.get(j), loss)) {
                    throw new LossExpressionException(expression.source(), term.column(), "loss '"
                            + descriptor.name() + "' repeats the term at column " + terms.get(j).column()
                            + " with the same parameter values; write it once with the summed weight");
                }
            }
            losses.add(loss);
        }
        return new LossSpec(losses);
    }

    /** The wrapped loss, validated like a whole expression: a loss that wraps needs one, any other takes none. */
    private static LossSpec inner(LossExpression expression, LossCatalog catalog, LossDescriptor descriptor,
            LossTerm term) {
        boolean wraps = catalog.wrapsLosses(descriptor.name());
        if (term.inner() == null) {
            if (wraps) {
                throw new LossExpressionException(expression.source(), term.column(), "loss '" + descriptor.name()
                        + "' wraps another loss: name it first, as in " + descriptor.name()
                        + "(mnrl, ...) or " + descriptor.name() + "(0.7*angle + 0.3*triplet, ...)");
            }
            return null;
        }
        if (!wraps) {
            throw new LossExpressionException(expression.source(), term.inner().terms().get(0).column(), "loss '"
                    + descriptor.name() + "' takes no loss as an argument, only name=value parameters");
        }
        return validate(term.inner(), catalog);
    }

    private static LossDescriptor describe(LossExpression expression, LossCatalog catalog, LossTerm term) {
        LossDescriptor descriptor;
        try {
            descriptor = catalog.describe(term.name());
        } catch (ContrastiveException e) {
            throw new LossExpressionException(expression.source(), term.column(), e.getMessage(), e);
        }
        return Objects.requireNonNull(descriptor, () -> "the loss catalog returned no descriptor for '"
                + term.name() + "' instead of throwing");
    }

    private static ParameterValues parameters(LossExpression expression, LossDescriptor descriptor, LossTerm term) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (LossArgument argument : term.arguments()) {
            ParameterSpec spec = descriptor.parameter(argument.name())
                    .orElseThrow(() -> new LossExpressionException(expression.source(), argument.nameColumn(),
                            unknownParameter(descriptor, argument.name())));
            if (argument.isList()) {
                values.put(argument.name(), list(expression, descriptor, argument, spec));
                continue;
            }
            try {
                values.put(argument.name(), spec.parse(argument.rawValue()));
            } catch (IllegalArgumentException e) {
                throw new LossExpressionException(expression.source(), argument.valueColumn(), "parameter '"
                        + argument.name() + "' of loss '" + descriptor.name() + "': " + e.getMessage(), e);
            }
        }
        return ParameterValues.of(descriptor.parameters(), values);
    }

    private static List<Object> list(LossExpression expression, LossDescriptor descriptor, LossArgument argument,
            ParameterSpec spec) {
        if (!spec.type().isList()) {
            throw new LossExpressionException(expression.source(), argument.valueColumn(), "parameter '"
                    + argument.name() + "' of loss '" + descriptor.name() + "' takes a single "
                    + spec.type().displayName() + ", not a list");
        }
        List<Object> values = new ArrayList<>();
        for (LossArgument.Item item : argument.items()) {
            try {
                values.add(spec.parseElement(item.rawValue()));
            } catch (IllegalArgumentException e) {
                throw new LossExpressionException(expression.source(), item.column(), "parameter '"
                        + argument.name() + "' of loss '" + descriptor.name() + "', element " + (values.size() + 1)
                        + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(values);
    }

    private static String unknownParameter(LossDescriptor descriptor, String name) {
        String message = "unknown parameter '" + name + "' for loss '" + descriptor.name() + "'";
        if (descriptor.parameters().isEmpty()) {
            return message + ", which takes no parameters";
        }
        return message + "; valid parameters: "
                + descriptor.parameters().stream().map(ParameterSpec::name).collect(Collectors.joining(", "));
    }

    private static boolean sameLossAndValues(WeightedLoss a, WeightedLoss b) {
        return a.name().equals(b.name()) && a.parameters().asMap().equals(b.parameters().asMap())
                && java.util.Objects.equals(a.inner() == null ? null : a.inner().canonical(),
                        b.inner() == null ? null : b.inner().canonical());
    }
}
