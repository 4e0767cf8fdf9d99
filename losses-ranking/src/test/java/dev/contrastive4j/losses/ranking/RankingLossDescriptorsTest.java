package dev.contrastive4j.losses.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive4j.plugin.PluginRegistry;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.LossDescriptor;
import dev.contrastive4j.spi.ParameterSpec;
import dev.contrastive4j.spi.ParameterType;
import dev.contrastive4j.spi.ParameterValues;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the plugin tells {@code c4j losses} and the expression parser, and that the registry finds it. */
class RankingLossDescriptorsTest {

    @Test
    void mnrlDescribesItselfWithSentenceTransformersDefaults() {
        LossDescriptor descriptor = new MultipleNegativesRankingLossFactory().descriptor();

        assertThat(descriptor.name()).isEqualTo("mnrl");
        assertThat(descriptor.aliases()).containsExactly("multiplenegativesrankingloss");
        assertThat(descriptor.formats()).containsExactlyInAnyOrder(DataFormat.PAIR, DataFormat.TRIPLET);
        assertThat(descriptor.needsGuideModel()).isFalse();
        assertThat(descriptor.parameters()).extracting(ParameterSpec::name)
                .containsExactly("scale", "similarity", "symmetric");
        assertThat(ParameterValues.defaults(descriptor.parameters()).asMap())
                .containsExactlyInAnyOrderEntriesOf(Map.of("scale", 20.0, "similarity", "cosine", "symmetric", false));
        assertThat(descriptor.parameter("scale").orElseThrow().allowedDescription()).isEqualTo("> 0");
        assertThat(descriptor.parameter("similarity").orElseThrow().choices()).containsExactly("cosine", "dot");
    }

    @Test
    void cmnrlAddsTheMiniBatchSizeToMnrlsParameters() {
        LossDescriptor descriptor = new CachedMultipleNegativesRankingLossFactory().descriptor();

        assertThat(descriptor.name()).isEqualTo("cmnrl");
        assertThat(descriptor.aliases()).containsExactly("cachedmultiplenegativesrankingloss");
        assertThat(descriptor.formats()).containsExactlyInAnyOrder(DataFormat.PAIR, DataFormat.TRIPLET);
        assertThat(descriptor.parameters()).extracting(ParameterSpec::name)
                .containsExactly("scale", "similarity", "symmetric", "mini_batch_size");
        ParameterSpec miniBatch = descriptor.parameter("mini_batch_size").orElseThrow();
        assertThat(miniBatch.type()).isEqualTo(ParameterType.INTEGER);
        assertThat(miniBatch.defaultValue()).isEqualTo(32);
        assertThat(miniBatch.allowedDescription()).isEqualTo(">= 1");
    }

    @Test
    void tripletUsesEuclideanDistanceAndMarginFiveByDefault() {
        LossDescriptor descriptor = new TripletLossFactory().descriptor();

        assertThat(descriptor.name()).isEqualTo("triplet");
        assertThat(descriptor.aliases()).containsExactly("tripletloss");
        assertThat(descriptor.formats()).containsExactly(DataFormat.TRIPLET);
        assertThat(ParameterValues.defaults(descriptor.parameters()).asMap())
                .containsExactlyInAnyOrderEntriesOf(Map.of("distance", "euclidean", "margin", 5.0));
        assertThat(descriptor.parameter("distance").orElseThrow().choices())
                .containsExactly("euclidean", "cosine", "manhattan");
        assertThat(descriptor.parameter("margin").orElseThrow().allowedDescription()).isEqualTo(">= 0");
    }

    @Test
    void factoriesTurnParameterValuesIntoConfiguredLosses() {
        MultipleNegativesRankingLossFactory mnrlFactory = new MultipleNegativesRankingLossFactory();
        var mnrl = (MultipleNegativesRankingLoss) mnrlFactory.create(ParameterValues.of(
                mnrlFactory.descriptor().parameters(), Map.of("scale", 10.0, "similarity", "dot", "symmetric", true)));
        assertThat(mnrl.scale()).isEqualTo(10.0);
        assertThat(mnrl.similarity()).isEqualTo(Similarity.DOT);
        assertThat(mnrl.symmetric()).isTrue();

        CachedMultipleNegativesRankingLossFactory cmnrlFactory = new CachedMultipleNegativesRankingLossFactory();
        var cmnrl = (CachedMultipleNegativesRankingLoss) cmnrlFactory.create(
                ParameterValues.of(cmnrlFactory.descriptor().parameters(), Map.of("mini_batch_size", 4)));
        assertThat(cmnrl.miniBatchSize()).isEqualTo(4);
        assertThat(cmnrl.loss().scale()).isEqualTo(20.0);

        TripletLossFactory tripletFactory = new TripletLossFactory();
        var triplet = (TripletLoss) tripletFactory.create(ParameterValues.of(tripletFactory.descriptor().parameters(),
                Map.of("distance", "manhattan", "margin", 0.5)));
        assertThat(triplet.distance()).isEqualTo(TripletDistance.MANHATTAN);
        assertThat(triplet.margin()).isEqualTo(0.5);
    }

    @Test
    void theRegistryDiscoversThePluginThroughItsServiceFile() {
        PluginRegistry registry = PluginRegistry.discover(getClass().getClassLoader());

        assertThat(registry.problems()).isEmpty();
        assertThat(registry.losses()).extracting(l -> l.descriptor().name())
                .containsAll(List.of("mnrl", "cmnrl", "triplet"));
        assertThat(registry.loss("MultipleNegativesRankingLoss")).isSameAs(registry.loss("mnrl"));
        assertThat(registry.loss("cachedmultiplenegativesrankingloss")).isSameAs(registry.loss("cmnrl"));
        assertThat(registry.loss("TripletLoss")).isSameAs(registry.loss("triplet"));
        assertThat(registry.loss("cmnrl").factory()).isInstanceOf(CachedMultipleNegativesRankingLossFactory.class);
    }
}
