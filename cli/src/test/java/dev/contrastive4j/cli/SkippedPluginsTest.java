package dev.contrastive4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive4j.plugin.PluginJarBuilder;
import dev.contrastive4j.plugin.TestPluginSources;
import dev.contrastive4j.spi.SpiVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugin jars that cannot run are warned about, one line each, and every other plugin still works. */
class SkippedPluginsTest {

    @TempDir
    static Path workspace;
    static Path plugins;
    static Path incompatible;
    static Path crashing;
    static String otherMajor;

    @BeforeAll
    static void pluginsFolderWithAnIncompatibleACrashingAndAHealthyJar() throws Exception {
        Path build = Files.createDirectories(workspace.resolve("build"));
        plugins = Files.createDirectories(workspace.resolve("plugins"));
        otherMajor = (Integer.parseInt(SpiVersion.CURRENT.split("\\.")[0]) + 1) + ".0";
        incompatible = Files.move(PluginJarBuilder.jar("future-plugin.jar")
                .source(TestPluginSources.lossPluginModule("com.example.future"),
                        TestPluginSources.lossPlugin("com.example.future", "future-loss"))
                .pluginModule(TestPluginSources.lossPluginModule("com.example.future"))
                .manifestAttribute(SpiVersion.MANIFEST_ATTRIBUTE, otherMajor)
                .buildIn(build), plugins.resolve("future-plugin.jar"));
        crashing = Files.move(PluginJarBuilder.jar("crashing-plugin.jar")
                .source(TestPluginSources.crashingConstructorModule("com.example.crash"),
                        TestPluginSources.crashingConstructorPlugin("com.example.crash", "licence server unreachable"))
                .pluginModule(TestPluginSources.crashingConstructorModule("com.example.crash"))
                .buildIn(build), plugins.resolve("crashing-plugin.jar"));
        Files.move(PluginJarBuilder.fixturePlugin("fixture-plugin.jar")
                .manifestAttribute(SpiVersion.MANIFEST_ATTRIBUTE, SpiVersion.CURRENT)
                .buildIn(build), plugins.resolve("fixture-plugin.jar"));
    }

    @Test
    void lossesWarnsAboutEachSkippedJarAndListsTheRest() {
        CliRun run = CliRun.withInstalledPlugins(plugins.toString(), "losses");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("fixture-contrast", "mnrl").doesNotContain("future-loss");
        assertThat(run.err().lines()).containsExactlyInAnyOrder(
                "c4j: warning: plugin skipped: com.example.future.LossPlugin (" + incompatible + "): built against SPI "
                        + otherMajor + ", but this contrastive4j provides SPI " + SpiVersion.CURRENT
                        + " (another major version); use a build of the plugin for SPI "
                        + SpiVersion.CURRENT.split("\\.")[0] + ".x",
                "c4j: warning: plugin skipped: com.example.crash.CrashingPlugin (" + crashing + "): could not be"
                        + " created: IllegalStateException: licence server unreachable");
    }

    @Test
    void theLossOfAnIncompatiblePluginIsUnknown() throws Exception {
        Path triplets = Files.writeString(workspace.resolve("triplets.jsonl"),
                "{\"anchor\": \"a cat\", \"positive\": \"the cat\", \"negative\": \"a dog\"}\n");

        CliRun run = CliRun.withInstalledPlugins(plugins.toString(), "train", "--loss", "future-loss", "--train",
                triplets.toString(), "--output", workspace.resolve("run").toString(), "--no-progress");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("c4j: warning: plugin skipped: com.example.future.LossPlugin",
                "c4j: error: loss expression column 1: unknown loss 'future-loss'");
    }
}
