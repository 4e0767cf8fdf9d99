package dev.contrastive4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive4j.Contrastive4j;
import dev.contrastive4j.plugin.LoadedConverter;
import dev.contrastive4j.plugin.LoadedLoss;
import dev.contrastive4j.plugin.PluginRegistry;
import dev.contrastive4j.plugin.PluginSource;
import dev.contrastive4j.plugin.UnknownPluginException;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.DatasetBuilder;
import dev.contrastive4j.train.WrapperLossFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The table of bundled names → modules, and the advice it adds when a bundled plugin's jar is missing. */
class BundledPluginModulesTest {

    private final BundledPluginModules table = BundledPluginModules.load();

    @Test
    void everyNameAndAliasOfTheBundledPluginsIsListedWithTheModuleItComesFrom() {
        // The bundled plugins are on this module's test class path, from their module folders or jars.
        PluginRegistry registry = PluginRegistry.discover(BundledPluginModulesTest.class.getClassLoader());
        Map<String, String> expected = new TreeMap<>();
        for (LoadedLoss loss : registry.losses()) {
            if (loss.factory() instanceof WrapperLossFactory) {
                continue; // the core's own (matryoshka): always there, no jar to put back
            }
            String module = moduleOf(loss.source());
            expected.put("loss." + loss.descriptor().name(), module);
            loss.descriptor().aliases().forEach(alias -> expected.put("loss." + alias, module));
        }
        for (LoadedConverter converter : registry.converters()) {
            expected.put("converter." + converter.descriptor().name(), moduleOf(converter.source()));
        }
        for (DatasetBuilder dataset : registry.datasets()) {
            expected.put("dataset." + dataset.name(), moduleOf(PluginSource.of(dataset.getClass())));
        }

        assertThat(expected).containsKeys("loss.mnrl", "loss.angle", "converter.triplet-to-scored-pairs");
        assertThat(table.entries()).containsAllEntriesOf(expected);
    }

    @Test
    void anUnknownLossThatABundledModuleProvidesNamesTheJarToPutBack() {
        UnknownPluginException unknown = new UnknownPluginException("loss", "GIST", "unknown loss 'GIST'");
        ContrastiveException wrapped = new ContrastiveException("loss expression column 3: unknown loss 'GIST'",
                unknown);

        assertThat(table.adviceFor(wrapped)).hasValue("it is provided by the losses-gist module (contrastive4j-"
                + "losses-gist-" + Contrastive4j.version() + ".jar): put it in the plugins folder");
    }

    @Test
    void namesNoBundledModuleProvidesGetNoAdvice() {
        assertThat(table.adviceFor(new UnknownPluginException("loss", "my-loss", "unknown loss 'my-loss'"))).isEmpty();
        assertThat(table.adviceFor(new UnknownPluginException("converter", "gist", "unknown converter 'gist'")))
                .isEmpty();
        assertThat(table.adviceFor(new ContrastiveException("something else"))).isEmpty();
    }

    /** The bundled module a plugin was loaded from: its folder ({@code losses-angle/target/classes}) or jar name. */
    private static String moduleOf(String source) {
        List<String> modules = new ArrayList<>();
        for (String module : List.of("losses-ranking", "losses-angle", "losses-gist", "data-converters")) {
            if (source.contains("/" + module + "/") || source.contains("contrastive4j-" + module + "-")) {
                modules.add(module);
            }
        }
        assertThat(modules).as("the module of " + source).hasSize(1);
        return modules.get(0);
    }
}
