package dev.contrastive4j.converters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive4j.plugin.LoadedConverter;
import dev.contrastive4j.plugin.PluginRegistry;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.ParameterSpec;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConvertersPluginTest {

    private static final PluginRegistry REGISTRY = PluginRegistry.discover(ConvertersPluginTest.class.getClassLoader());

    @Test
    void theServiceLoaderFindsBothConverters() {
        assertThat(REGISTRY.problems()).isEmpty();

        LoadedConverter scored = REGISTRY.converter("triplet-to-scored-pairs");
        assertThat(scored.descriptor().from()).isEqualTo(DataFormat.TRIPLET);
        assertThat(scored.descriptor().to()).isEqualTo(DataFormat.SCORED_PAIR);
        assertThat(scored.descriptor().parameters()).extracting(ParameterSpec::name, ParameterSpec::defaultValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("positive_score", 1.0),
                        org.assertj.core.groups.Tuple.tuple("negative_score", 0.0));

        LoadedConverter pairs = REGISTRY.converter("triplet-to-pairs");
        assertThat(pairs.descriptor().from()).isEqualTo(DataFormat.TRIPLET);
        assertThat(pairs.descriptor().to()).isEqualTo(DataFormat.PAIR);
    }

    @Test
    void eachConverterBridgesTripletsToItsOwnFormat() {
        assertThat(REGISTRY.convertersBetween(DataFormat.TRIPLET, Set.of(DataFormat.PAIR)))
                .extracting(c -> c.descriptor().name()).containsExactly("triplet-to-pairs");
        assertThat(REGISTRY.convertersBetween(DataFormat.TRIPLET, Set.of(DataFormat.SCORED_PAIR)))
                .extracting(c -> c.descriptor().name()).containsExactly("triplet-to-scored-pairs");
    }
}
