package dev.contrastive4j.train;

import dev.contrastive4j.expression.LossSpec;
import dev.contrastive4j.expression.WeightedLoss;
import dev.contrastive4j.plugin.LoadedConverter;
import dev.contrastive4j.plugin.PluginRegistry;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.ParameterValues;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A validated loss expression turned into loss instances for data of one format, with a converter chosen for
 * every loss that does not accept that format directly.
 *
 * @param spec the validated expression
 * @param dataFormat the format of the training rows
 * @param losses the terms, in expression order
 */
public record LossPlan(LossSpec spec, DataFormat dataFormat, List<PlannedLoss> losses) {

    /** Hint for the most common missing converter; the core names no plugin otherwise. */
    static final String CONVERTER_MODULE_HINT =
            "add a converter plugin to the class path or plugins folder (the bundled one is the data-converters"
                    + " module, contrastive4j-data-converters)";

    public LossPlan {
        losses = List.copyOf(losses);
    }

    /**
     * Creates every loss of {@code spec} and finds the conversions {@code dataFormat} needs.
     *
     * @throws ContrastiveException if a loss cannot take the data and no installed converter can bridge it
     */
    /**
     * What would help: with no converter installed, the converter module; with converters installed (none of
     * them fits, so installing them again would not help), the losses that take this data as it is.
     */
    private static String advice(DataFormat dataFormat, PluginRegistry registry) {
        if (registry.converters().isEmpty()) {
            return CONVERTER_MODULE_HINT;
        }
        List<String> fitting = registry.losses().stream()
                .filter(l -> l.descriptor().formats().contains(dataFormat))
                .map(l -> l.descriptor().name()).sorted().toList();
        return "give data in a format the loss accepts, or a loss that accepts " + dataFormat.cliName()
                + " rows" + (fitting.isEmpty() ? "" : ": " + String.join(", ", fitting));
    }

    public static LossPlan create(LossSpec spec, DataFormat dataFormat, PluginRegistry registry) {
        return create(spec, dataFormat, registry, null);
    }

    /**
     * As {@link #create(LossSpec, DataFormat, PluginRegistry)}, naming where the data comes from in errors.
     *
     * @param dataSource the data's file, or null
     */
    public static LossPlan create(LossSpec spec, DataFormat dataFormat, PluginRegistry registry, String dataSource) {
        List<PlannedLoss> planned = new ArrayList<>();
        for (WeightedLoss term : spec.losses()) {
            var descriptor = term.descriptor();
            // Logs name each term without its weight: "triplet(margin=0.5)", not "0.3*triplet(margin=0.5)".
            String name = new WeightedLoss(1.0, descriptor, term.parameters(), term.inner()).canonical();
            var factory = registry.loss(descriptor.name()).factory();
            // A wrapper (matryoshka) takes every format: the losses it wraps get their own converters.
            var loss = factory instanceof WrapperLossFactory wrapper
                    ? wrapper.wrap(create(term.inner(), dataFormat, registry), term.parameters())
                    : factory.create(term.parameters());
            if (descriptor.formats().contains(dataFormat)) {
                planned.add(new PlannedLoss(term.weight(), name, loss, Optional.empty(), Optional.empty(),
                        dataFormat));
                continue;
            }
            List<LoadedConverter> candidates = registry.convertersBetween(dataFormat, descriptor.formats());
            if (candidates.isEmpty()) {
                throw new ContrastiveException("loss '" + descriptor.name() + "' accepts "
                        + formats(descriptor.formats()) + " but the data" + (dataSource == null ? "" : " in " + dataSource)
                        + " is " + dataFormat.cliName() + ", and no installed converter turns " + dataFormat.cliName() + " into "
                        + formats(descriptor.formats()) + "; " + advice(dataFormat, registry));
            }
            // Prefer converters that keep the most: scored pairs before plain pairs, then by name.
            LoadedConverter chosen = candidates.stream()
                    .min(Comparator.comparing((LoadedConverter c) -> c.descriptor().to().ordinal()).reversed()
                            .thenComparing(c -> c.descriptor().name()))
                    .orElseThrow();
            var converter = chosen.factory().create(ParameterValues.defaults(chosen.descriptor().parameters()));
            planned.add(new PlannedLoss(term.weight(), name, loss, Optional.of(converter),
                    Optional.of(chosen.descriptor().name()), chosen.descriptor().to()));
        }
        return new LossPlan(spec, dataFormat, planned);
    }

    private static String formats(java.util.Set<DataFormat> formats) {
        return formats.stream().sorted().map(DataFormat::cliName).collect(Collectors.joining(" or "));
    }
}
