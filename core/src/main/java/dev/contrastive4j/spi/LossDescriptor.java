package dev.contrastive4j.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a loss plugin says about itself; {@code c4j losses} prints it and the expression validator
 * checks parameters against it.
 *
 * @param name the canonical name, lower case ({@code mnrl})
 * @param aliases other names that select the same loss ({@code multiplenegativesrankingloss})
 * @param summary one line: what the loss does
 * @param formats the data formats the loss accepts directly; other formats need a converter
 * @param parameters the parameters a loss expression may set
 * @param needsGuideModel whether the loss loads a second, frozen model (GISTEmbed)
 */
public record LossDescriptor(
        String name,
        List<String> aliases,
        String summary,
        Set<DataFormat> formats,
        List<ParameterSpec> parameters,
        boolean needsGuideModel) {

    /**
     * Checks the name, formats and parameter names and copies the lists.
     *
     * @param name the canonical name, lower case ({@code mnrl})
     * @param aliases other names that select the same loss ({@code multiplenegativesrankingloss})
     * @param summary one line: what the loss does
     * @param formats the data formats the loss accepts directly; other formats need a converter
     * @param parameters the parameters a loss expression may set
     * @param needsGuideModel whether the loss loads a second, frozen model (GISTEmbed)
     * @throws IllegalArgumentException if the name is not a lower-case identifier, no format is accepted or a
     *     parameter is declared twice
     */
    public LossDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(summary, "summary");
        aliases = List.copyOf(aliases);
        formats = Set.copyOf(formats);
        parameters = List.copyOf(parameters);
        if (!name.matches("[a-z][a-z0-9_-]*")) {
            throw new IllegalArgumentException("loss names are lower-case identifiers, got '" + name + "'");
        }
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("loss '" + name + "' must accept at least one data format");
        }
        if (parameters.stream().map(ParameterSpec::name).distinct().count() != parameters.size()) {
            throw new IllegalArgumentException("loss '" + name + "' declares a parameter twice");
        }
    }

    /**
     * Looks up a parameter.
     *
     * @param parameterName the name as written in a loss expression
     * @return its spec, or empty if the loss declares no such parameter
     */
    public Optional<ParameterSpec> parameter(String parameterName) {
        return parameters.stream().filter(p -> p.name().equals(parameterName)).findFirst();
    }
}
