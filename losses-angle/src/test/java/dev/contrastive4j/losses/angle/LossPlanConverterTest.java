package dev.contrastive4j.losses.angle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrastive4j.converters.ConvertersPlugin;
import dev.contrastive4j.expression.LossSpec;
import dev.contrastive4j.plugin.PluginRegistry;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.train.LossPlan;
import dev.contrastive4j.train.PlannedLoss;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the trainer bridges triplet data to the pair losses, with and without the converters plugin. */
class LossPlanConverterTest {

    @Test
    void withoutTheConvertersPluginTripletDataIsAnErrorThatNamesTheConvertersModule() {
        PluginRegistry registry = PluginRegistry.of(List.of(new AnglePlugin()));
        LossSpec spec = LossSpec.parse("angle", registry);

        assertThatThrownBy(() -> LossPlan.create(spec, DataFormat.TRIPLET, registry))
                .isInstanceOf(ContrastiveException.class)
                .hasMessage("loss 'angle' accepts scored-pair but the data is triplet, and no installed converter"
                        + " turns triplet into scored-pair; add a converter plugin to the class path or plugins"
                        + " folder (the bundled one is the data-converters module, contrastive4j-data-converters)");
    }

    @Test
    void withTheConvertersPluginEachPairLossGetsTripletToScoredPairs() {
        PluginRegistry registry = PluginRegistry.of(List.of(new AnglePlugin(), new ConvertersPlugin()));
        LossSpec spec = LossSpec.parse("0.7*angle + cosent + cosine", registry);

        LossPlan plan = LossPlan.create(spec, DataFormat.TRIPLET, registry);

        assertThat(plan.losses()).extracting(PlannedLoss::converterName).containsOnly(
                Optional.of("triplet-to-scored-pairs"));
        assertThat(plan.losses()).extracting(PlannedLoss::inputFormat).containsOnly(DataFormat.SCORED_PAIR);
    }

    @Test
    void scoredPairDataNeedsNoConverter() {
        PluginRegistry registry = PluginRegistry.of(List.of(new AnglePlugin()));

        LossPlan plan = LossPlan.create(LossSpec.parse("angle", registry), DataFormat.SCORED_PAIR, registry);

        assertThat(plan.losses().get(0).converter()).isEmpty();
    }
}
