package dev.contrastive4j.spi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a loss plugin says about itself; {@code c4j losses} prints it and the expression validator
 * checks parameters against it.
 *
 * <p>Built with {@link #builder(String)}, so that a minor SPI version can add a field without breaking a plugin
 * compiled against an older one:
 * <pre>{@code
 * LossDescriptor.builder("cosine-margin")
 *         .summary("Hinge on cosine similarities.")
 *         .formats(DataFormat.TRIPLET)
 *         .parameter(ParameterSpec.number("margin", 0.2, "How much closer the positive must be.").atLeast(0))
 *         .build();
 * }</pre>
 */
public final class LossDescriptor {

    private final String name;
    private final List<String> aliases;
    private final String summary;
    private final Set<DataFormat> formats;
    private final List<ParameterSpec> parameters;
    private final boolean needsGuideModel;

    private LossDescriptor(Builder builder) {
        this.name = builder.name;
        this.aliases = List.copyOf(builder.aliases);
        this.summary = Objects.requireNonNull(builder.summary, () -> "loss '" + name + "' needs a summary");
        this.formats = Set.copyOf(builder.formats);
        this.parameters = List.copyOf(builder.parameters);
        this.needsGuideModel = builder.needsGuideModel;
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("loss '" + name + "' must accept at least one data format");
        }
        if (parameters.stream().map(ParameterSpec::name).distinct().count() != parameters.size()) {
            throw new IllegalArgumentException("loss '" + name + "' declares a parameter twice");
        }
    }

    /**
     * The positional constructor of SPI 1.0 and 1.1, kept so that plugins compiled against them still run.
     *
     * @param name the canonical name, lower case
     * @param aliases other names that select the same loss
     * @param summary one line: what the loss does
     * @param formats the data formats the loss accepts directly
     * @param parameters the parameters a loss expression may set
     * @param needsGuideModel whether the loss loads a second, frozen model
     * @deprecated since 1.2: use {@link #builder(String)}, which can grow without breaking callers
     */
    @Deprecated(since = "1.2")
    public LossDescriptor(String name, List<String> aliases, String summary, Set<DataFormat> formats,
            List<ParameterSpec> parameters, boolean needsGuideModel) {
        this(builder(name).aliases(aliases).summary(summary).formats(formats).parameters(parameters)
                .needsGuideModel(needsGuideModel));
    }

    /**
     * Starts a descriptor.
     *
     * @param name the canonical name, lower case ({@code mnrl})
     * @return a builder; {@link Builder#summary} and at least one format are required
     * @throws IllegalArgumentException if the name is not a lower-case identifier
     * @since 1.2
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** @return the canonical name, lower case ({@code mnrl}) */
    public String name() {
        return name;
    }

    /** @return other names that select the same loss ({@code multiplenegativesrankingloss}) */
    public List<String> aliases() {
        return aliases;
    }

    /** @return one line: what the loss does */
    public String summary() {
        return summary;
    }

    /** @return the data formats the loss accepts directly; other formats need a converter */
    public Set<DataFormat> formats() {
        return formats;
    }

    /** @return the parameters a loss expression may set */
    public List<ParameterSpec> parameters() {
        return parameters;
    }

    /** @return whether the loss loads a second, frozen model (GISTEmbed) */
    public boolean needsGuideModel() {
        return needsGuideModel;
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

    @Override
    public boolean equals(Object other) {
        return other instanceof LossDescriptor d && name.equals(d.name) && aliases.equals(d.aliases)
                && summary.equals(d.summary) && formats.equals(d.formats) && parameters.equals(d.parameters)
                && needsGuideModel == d.needsGuideModel;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, aliases, summary, formats, parameters, needsGuideModel);
    }

    @Override
    public String toString() {
        return "LossDescriptor[name=" + name + ", aliases=" + aliases + ", summary=" + summary + ", formats="
                + formats + ", parameters=" + parameters + ", needsGuideModel=" + needsGuideModel + "]";
    }

    /**
     * Collects a {@link LossDescriptor}'s fields; new fields get defaults, so a plugin built against an older
     * minor SPI version keeps compiling and running.
     *
     * @since 1.2
     */
    public static final class Builder {

        private final String name;
        private final List<String> aliases = new ArrayList<>();
        private String summary;
        private final Set<DataFormat> formats = EnumSet.noneOf(DataFormat.class);
        private final List<ParameterSpec> parameters = new ArrayList<>();
        private boolean needsGuideModel;

        private Builder(String name) {
            Objects.requireNonNull(name, "name");
            if (!name.matches("[a-z][a-z0-9_-]*")) {
                throw new IllegalArgumentException("loss names are lower-case identifiers, got '" + name + "'");
            }
            this.name = name;
        }

        /**
         * Adds other names that select the same loss.
         *
         * @param more aliases, lower case ({@code multiplenegativesrankingloss})
         * @return this builder
         */
        public Builder aliases(String... more) {
            return aliases(List.of(more));
        }

        /**
         * Adds other names that select the same loss.
         *
         * @param more aliases, lower case
         * @return this builder
         */
        public Builder aliases(Collection<String> more) {
            more.forEach(a -> aliases.add(Objects.requireNonNull(a, "alias")));
            return this;
        }

        /**
         * Sets the one-line summary (required).
         *
         * @param text what the loss does, in one line
         * @return this builder
         */
        public Builder summary(String text) {
            this.summary = Objects.requireNonNull(text, "summary");
            return this;
        }

        /**
         * Adds data formats the loss accepts directly (at least one is required).
         *
         * @param more formats
         * @return this builder
         */
        public Builder formats(DataFormat... more) {
            return formats(List.of(more));
        }

        /**
         * Adds data formats the loss accepts directly.
         *
         * @param more formats
         * @return this builder
         */
        public Builder formats(Collection<DataFormat> more) {
            formats.addAll(more);
            return this;
        }

        /**
         * Adds one parameter a loss expression may set.
         *
         * @param spec the parameter
         * @return this builder
         */
        public Builder parameter(ParameterSpec spec) {
            parameters.add(Objects.requireNonNull(spec, "parameter"));
            return this;
        }

        /**
         * Adds parameters a loss expression may set, in the order {@code c4j losses} shows them.
         *
         * @param specs the parameters
         * @return this builder
         */
        public Builder parameters(Collection<ParameterSpec> specs) {
            specs.forEach(this::parameter);
            return this;
        }

        /**
         * Says that the loss loads a second, frozen model (GISTEmbed); the default is {@code false}.
         *
         * @param needed whether a guide model is loaded
         * @return this builder
         */
        public Builder needsGuideModel(boolean needed) {
            this.needsGuideModel = needed;
            return this;
        }

        /**
         * Checks and freezes the descriptor.
         *
         * @return the descriptor
         * @throws NullPointerException if no summary was given
         * @throws IllegalArgumentException if no format is accepted or a parameter is declared twice
         */
        public LossDescriptor build() {
            return new LossDescriptor(this);
        }
    }
}
