package dev.contrastive4j.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrastive4j.plugin.TestPlugins.AliasClashPlugin;
import dev.contrastive4j.plugin.TestPlugins.BrokenPlugin;
import dev.contrastive4j.plugin.TestPlugins.ClashingPlugin;
import dev.contrastive4j.plugin.TestPlugins.ConverterPlugin;
import dev.contrastive4j.plugin.TestPlugins.DropNegativesFactory;
import dev.contrastive4j.plugin.TestPlugins.RankingLikePlugin;
import dev.contrastive4j.expression.LossExpressionException;
import dev.contrastive4j.expression.LossSpec;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.LossFactory;
import dev.contrastive4j.spi.ParameterValues;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginRegistryTest {

    @Test
    void lossesAreFoundByNameCaseInsensitively() {
        PluginRegistry registry = PluginRegistry.of(List.of(new RankingLikePlugin()));

        // The core's own matryoshka is always there.
        assertThat(registry.losses()).extracting(l -> l.descriptor().name())
                .containsExactly("matryoshka", "mnrl", "triplet");
        assertThat(registry.loss("MNRL").descriptor().name()).isEqualTo("mnrl");
        assertThat(registry.loss("Triplet").descriptor().name()).isEqualTo("triplet");
    }

    @Test
    void aliasesSelectTheSameLoss() {
        PluginRegistry registry = PluginRegistry.of(List.of(new RankingLikePlugin()));

        assertThat(registry.loss("multiplenegativesrankingloss")).isSameAs(registry.loss("mnrl"));
        assertThat(registry.loss("MultipleNegativesRankingLoss")).isSameAs(registry.loss("mnrl"));
    }

    @Test
    void unknownLossNameListsAvailableNamesAndClosestMatch() {
        PluginRegistry registry = PluginRegistry.of(List.of(new RankingLikePlugin()));

        assertThatThrownBy(() -> registry.loss("mnlr"))
                .isInstanceOf(PluginException.class)
                .hasMessage("unknown loss 'mnlr'; did you mean 'mnrl'? Available: mnrl, triplet");
        assertThatThrownBy(() -> registry.loss("tripletloss"))
                .hasMessageContaining("did you mean 'triplet'?");
        assertThatThrownBy(() -> registry.loss("zzzzzzzz"))
                .hasMessage("unknown loss 'zzzzzzzz'. Available: mnrl, triplet");
    }

    @Test
    void unknownLossWithNoPluginsSaysNoneAreInstalled() {
        PluginRegistry registry = PluginRegistry.of(List.of());

        assertThatThrownBy(() -> registry.loss("mnrl")).hasMessageContaining("no loss plugins are installed");
    }

    @Test
    void twoPluginsClaimingOneNameIsAnErrorNamingBoth() {
        assertThatThrownBy(() -> PluginRegistry.of(List.of(new RankingLikePlugin(), new ClashingPlugin())))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("loss 'mnrl' is claimed by two plugins")
                .hasMessageContaining(TestPlugins.NamedLossFactory.class.getName())
                .hasMessageContaining("test-classes");
    }

    @Test
    void anAliasThatClashesWithAnotherLossNameIsAnError() {
        assertThatThrownBy(() -> PluginRegistry.of(List.of(new RankingLikePlugin(), new AliasClashPlugin())))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("loss name or alias 'triplet' is claimed by two plugins");
    }

    @Test
    void aPluginThatFailsToConfigureIsSkippedAndReported() {
        PluginRegistry registry = PluginRegistry.of(List.of(new BrokenPlugin(), new RankingLikePlugin()));

        assertThat(registry.hasLoss("mnrl")).isTrue();
        assertThat(registry.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.source()).contains(BrokenPlugin.class.getName());
            assertThat(problem.message()).contains("broken on purpose");
        });
    }

    @Test
    void pluginFactoriesReceiveCoreServicesThroughGuice() {
        PluginRegistry registry = PluginRegistry.of(List.of(new ConverterPlugin()));

        LoadedConverter converter = registry.converter("drop-negatives");
        assertThat(((DropNegativesFactory) converter.factory()).greeting.text()).isEqualTo("hello from core");
        assertThat(registry.convertersBetween(DataFormat.TRIPLET, Set.of(DataFormat.PAIR))).containsExactly(converter);
        assertThat(registry.convertersBetween(DataFormat.TRIPLET, Set.of(DataFormat.SCORED_PAIR))).isEmpty();
    }

    @Test
    void aSeparatelyBuiltJarIsDiscoveredOnlyThroughItsClassLoader(@TempDir Path folder) throws Exception {
        Path jar = PluginJarBuilder.buildFixturePlugin(folder);
        ClassLoader parent = PluginRegistryTest.class.getClassLoader();

        PluginRegistry without = PluginRegistry.discover(parent);
        assertThat(without.hasLoss("fixture-contrast")).isFalse();

        try (URLClassLoader plugins = new URLClassLoader(new URL[] {jar.toUri().toURL()}, parent)) {
            PluginRegistry with = PluginRegistry.discover(plugins);
            LoadedLoss loss = with.loss("fixture");
            assertThat(loss.descriptor().name()).isEqualTo("fixture-contrast");
            assertThat(loss.source()).isEqualTo(jar.toString());
            assertThat(loss.descriptor().parameters()).extracting(p -> p.name()).containsExactly("margin", "reduction");
            LossFactory factory = loss.factory();
            assertThat(factory.create(ParameterValues.defaults(loss.descriptor().parameters()))).isNotNull();
        }
    }

    @Test
    void lossExpressionsValidateAgainstTheInstalledPlugins() {
        PluginRegistry registry = PluginRegistry.of(List.of(new RankingLikePlugin()));

        LossSpec spec = LossSpec.parse("0.7*MultipleNegativesRankingLoss(scale=10) + 0.3*triplet", registry);

        assertThat(spec.canonical()).isEqualTo("0.7*mnrl(scale=10) + 0.3*triplet");
        assertThatThrownBy(() -> LossSpec.parse("0.5*mnrl + 0.5*tripplet", registry))
                .isInstanceOf(LossExpressionException.class)
                .hasMessage("loss expression column 16: unknown loss 'tripplet'; did you mean 'triplet'?"
                        + " Available: mnrl, triplet");
    }
}
