package dev.contrastive4j.spi;

import java.util.List;
import java.util.Objects;

/**
 * What a converter plugin says about itself.
 *
 * @param name the canonical name, lower case ({@code triplet-to-scored-pairs})
 * @param summary one line: what the conversion keeps and what it loses
 * @param from the format it reads
 * @param to the format it produces
 * @param parameters its parameters (for instance the scores it assigns)
 */
public record ConverterDescriptor(
        String name, String summary, DataFormat from, DataFormat to, List<ParameterSpec> parameters) {

    /**
     * Checks the name and the formats and copies the parameters.
     *
     * @param name the canonical name, lower case ({@code triplet-to-scored-pairs})
     * @param summary one line: what the conversion keeps and what it loses
     * @param from the format it reads
     * @param to the format it produces
     * @param parameters its parameters (for instance the scores it assigns)
     * @throws IllegalArgumentException if the name is not a lower-case identifier or the formats are equal
     */
    public ConverterDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        parameters = List.copyOf(parameters);
        if (!name.matches("[a-z][a-z0-9_-]*")) {
            throw new IllegalArgumentException("converter names are lower-case identifiers, got '" + name + "'");
        }
        if (from == to) {
            throw new IllegalArgumentException("converter '" + name + "' must change the format");
        }
    }
}
