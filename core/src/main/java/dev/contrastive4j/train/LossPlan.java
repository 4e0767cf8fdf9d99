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
    public static LossPlan create(LossSpec spec, DataFormat dataFormat, PluginRegistry registry) {
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
                        + formats(descriptor.formats()) + " but the data is " + dataFormat.cliName()
                        + ", and no installed converter turns " + dataFormat.cliName() + " into "
                        + formats(descriptor.formats()) + "; " + CONVERTER_MODULE_HINT);
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
