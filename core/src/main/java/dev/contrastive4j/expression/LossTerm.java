package dev.contrastive4j.expression;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One weighted loss of a parsed expression, before validation: {@code 0.3*triplet(margin=0.5)}, or a loss that
 * wraps another: {@code matryoshka(0.7*angle + 0.3*triplet, dims=[384, 128])}.
 *
 * @param weight the factor in front of the loss, finite and {@code > 0}; 1 when none was written
 * @param name the loss name as written, in lower case (possibly an alias)
 * @param arguments the arguments in the order written, no name twice
 * @param column the 1-based column of the loss name
 * @param inner the wrapped loss or combination, written as the first argument; {@code null} when there is none.
 *     Its source is the whole expression, so that its columns count from the same start.
 */
public record LossTerm(double weight, String name, List<LossArgument> arguments, int column, LossExpression inner) {

    /** A term that wraps no other loss. */
    public LossTerm(double weight, String name, List<LossArgument> arguments, int column) {
        this(weight, name, arguments, column, null);
    }

    public LossTerm {
        Objects.requireNonNull(name, "name");
        arguments = List.copyOf(arguments);
        if (!(Double.isFinite(weight) && weight > 0)) {
            throw new IllegalArgumentException("weights are finite numbers > 0, got " + weight);
        }
        if (!name.matches("[a-z][a-z0-9_-]*")) {
            throw new IllegalArgumentException("loss names are lower-case identifiers, got '" + name + "'");
        }
        if (column < 1) {
            throw new IllegalArgumentException("columns are 1-based, got " + column);
        }
        Set<String> seen = new HashSet<>();
        for (LossArgument argument : arguments) {
            if (!seen.add(argument.name())) {
                throw new IllegalArgumentException("argument '" + argument.name() + "' is given twice");
            }
        }
    }

    /**
     * What the term says apart from its own weight and positions: name, raw arguments and, recursively, the
     * wrapped terms with their weights. Two terms with equal signatures are one loss written twice.
     */
    public String signature() {
        StringBuilder text = new StringBuilder().append(name).append('(');
        if (inner != null) {
            for (LossTerm term : inner.terms()) {
                text.append(term.weight()).append('*').append(term.signature()).append('+');
            }
            text.append(';');
        }
        return text.append(new java.util.TreeMap<>(rawArguments())).append(')').toString();
    }

    /** The arguments as {@code name -> raw value}, in the order written; unmodifiable. */
    public Map<String, String> rawArguments() {
        Map<String, String> raw = new LinkedHashMap<>();
        for (LossArgument argument : arguments) {
            raw.put(argument.name(), argument.rawValue());
        }
        return Collections.unmodifiableMap(raw);
    }
}
