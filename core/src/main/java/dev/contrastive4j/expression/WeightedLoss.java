package dev.contrastive4j.expression;

import dev.contrastive4j.spi.LossDescriptor;
import dev.contrastive4j.spi.ParameterSpec;
import dev.contrastive4j.spi.ParameterType;
import dev.contrastive4j.spi.ParameterValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One validated term of a {@link LossSpec}: which loss, with which typed parameter values, at what weight, and
 * for a loss that wraps others ({@code matryoshka}) the wrapped losses.
 *
 * @param weight the factor applied to this loss, finite and {@code > 0}
 * @param descriptor the loss's descriptor (its {@link LossDescriptor#name()} is the canonical name)
 * @param parameters a value for every parameter the descriptor declares, in declaration order
 * @param inner the wrapped loss or combination, or {@code null} for a loss that wraps none
 */
public record WeightedLoss(double weight, LossDescriptor descriptor, ParameterValues parameters, LossSpec inner) {

    /** A term that wraps no other loss. */
    public WeightedLoss(double weight, LossDescriptor descriptor, ParameterValues parameters) {
        this(weight, descriptor, parameters, null);
    }

    public WeightedLoss {
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(parameters, "parameters");
        if (!(Double.isFinite(weight) && weight > 0)) {
            throw new IllegalArgumentException("weights are finite numbers > 0, got " + weight);
        }
        List<String> declared = descriptor.parameters().stream().map(ParameterSpec::name).toList();
        if (!List.copyOf(parameters.asMap().keySet()).equals(declared)) {
            throw new IllegalArgumentException("parameters " + parameters.asMap().keySet()
                    + " do not match those declared by loss '" + descriptor.name() + "': " + declared);
        }
    }

    /** The loss's canonical name. */
    public String name() {
        return descriptor.name();
    }

    /**
     * This term in canonical form: {@code 0.3*triplet(margin=0.5, distance=cosine)}; see
     * {@link LossSpec#canonical()}.
     */
    public String canonical() {
        StringBuilder text = new StringBuilder();
        if (weight != 1.0) {
            text.append(ExpressionSyntax.number(weight)).append('*');
        }
        text.append(descriptor.name());
        List<String> arguments = new ArrayList<>();
        if (inner != null) {
            arguments.add(inner.canonical());
        }
        for (ParameterSpec spec : descriptor.parameters()) {
            if (parameters.isExplicit(spec.name())) {
                arguments.add(spec.name() + "=" + canonicalValue(spec.type(), parameters.asMap().get(spec.name())));
            }
        }
        if (!arguments.isEmpty()) {
            text.append('(').append(String.join(", ", arguments)).append(')');
        }
        return text.toString();
    }

    private static String canonicalValue(ParameterType type, Object value) {
        return switch (type) {
            case NUMBER -> ExpressionSyntax.number(((Number) value).doubleValue());
            case INTEGER, BOOLEAN -> value.toString();
            case STRING, CHOICE -> ExpressionSyntax.word((String) value);
            case INTEGER_LIST, NUMBER_LIST -> ((List<?>) value).stream()
                    .map(element -> canonicalValue(type == ParameterType.INTEGER_LIST ? ParameterType.INTEGER
                            : ParameterType.NUMBER, element))
                    .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
        };
    }
}
