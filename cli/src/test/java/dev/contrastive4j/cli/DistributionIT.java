package dev.contrastive4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive4j.Contrastive4j;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.encoder.TinyBert;
import dev.contrastive4j.plugin.PluginJarBuilder;
import dev.contrastive4j.plugin.TestPluginSources;
import dev.contrastive4j.spi.SpiVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution as a user gets it: the {@code .tar.gz} that the build made, unpacked into an empty folder and
 * run through its own launcher {@code bin/c4j}, from a working directory outside the repository (so the bundled
 * data must come from the distribution). Plugin jars are added to and removed from its {@code plugins/} folder as
 * a user would; each test puts back what it moved.
 */
class DistributionIT {

    @TempDir
    static Path workspace;
    static Path home;
    static Path examplePlugin;
    static Path tinyModel;

    @BeforeAll
    static void unpackTheDistributionArchive() throws Exception {
        Path archive = Path.of(System.getProperty("c4j.it.distribution"));
        examplePlugin = Path.of(System.getProperty("c4j.it.examplePlugin"));
        assertThat(archive).as("the distribution archive; build it with ./mvnw package").isRegularFile();
        assertThat(examplePlugin).as("the example plugin's jar").isRegularFile();
        Path install = Files.createDirectories(workspace.resolve("install"));
        Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", install.toString())
                .redirectErrorStream(true).start();
        assertThat(tar.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).as(new String(tar.getInputStream().readAllBytes())).isZero();
        try (Stream<Path> unpacked = Files.list(install)) {
            home = unpacked.collect(singleFolder());
        }
        tinyModel = workspace.resolve("tiny-model");
        try (SentenceEncoder tiny = TinyBert.create(1)) {
            tiny.save(tinyModel);
        }
    }

    @Test
    void theArchiveHoldsOneFolderWithLauncherLibrariesPluginsAndData() throws IOException {
        assertThat(home.getFileName().toString()).isEqualTo("c4j-" + Contrastive4j.version());
        assertThat(home.resolve("bin/c4j")).isExecutable();
        // Sourced by bin/c4j: a libtorch of one's own, and the allocator settings.
        assertThat(home.resolve("bin/libtorch-override.sh")).isRegularFile();
        assertThat(home.resolve("bin/native-memory.sh")).isRegularFile();
        assertThat(home.resolve("docs/cuda.md")).isRegularFile();
        assertThat(home.resolve("data/wordnet-senses/train.jsonl.gz")).isRegularFile();
        assertThat(home.resolve("docs/writing-a-plugin.md")).isRegularFile();
        List<String> lib = names(home.resolve("lib"));
        assertThat(lib).contains("contrastive4j-cli-" + Contrastive4j.version() + ".jar",
                "contrastive4j-core-" + Contrastive4j.version() + ".jar",
                "contrastive4j-eval-" + Contrastive4j.version() + ".jar");
        // A plugin in lib/ as well could not be removed by deleting its jar from plugins/.
        assertThat(lib).noneMatch(name -> name.startsWith("contrastive4j-losses-")
                || name.startsWith("contrastive4j-data-converters"));
        assertThat(names(home.resolve("plugins"))).contains(
                "contrastive4j-losses-ranking-" + Contrastive4j.version() + ".jar",
                "contrastive4j-losses-angle-" + Contrastive4j.version() + ".jar",
                "contrastive4j-data-converters-" + Contrastive4j.version() + ".jar");
    }

    @Test
    void aPluginJarDroppedIntoPluginsIsListedAndTrainsInACombinationWithMnrl() throws Exception {
        Path dropped = Files.copy(examplePlugin, home.resolve("plugins").resolve(examplePlugin.getFileName()));
        try {
            Launch losses = launch(Map.of(), "losses");
            assertThat(losses.exitCode()).as(losses.err()).isZero();
            assertThat(losses.out()).contains("margin-ranking  (aliases: marginrankingloss)", "mnrl  (aliases:");
            assertThat(losses.err()).isEmpty();

            Path output = workspace.resolve("run-margin-ranking");
            Launch train = launch(Map.of(), "train", "--loss", "0.5*mnrl + 0.5*margin-ranking", "--model",
                    tinyModel.toString(), "--train-size", "16", "--batch-size", "8", "--max-steps", "2",
                    "--no-progress", "--output", output.toString());

            assertThat(train.exitCode()).as(train.err()).isZero();
            assertThat(train.out()).contains("Trained 2 steps", "Model saved to");
            assertThat(output.resolve("final/model.safetensors")).isRegularFile();
            // One line per update with each loss's value (the bundled dev split's evaluation adds one more).
            assertThat(Files.readAllLines(output.resolve("metrics.jsonl"))).filteredOn(line -> line.contains("\"losses\""))
                    .hasSize(2).allSatisfy(line -> assertThat(line).contains("\"margin-ranking\":", "\"mnrl\":"));
        } finally {
            Files.delete(dropped);
        }
    }

    @Test
    void removingABundledPluginJarRemovesItsLossesAndNamesTheJarToPutBack() throws Exception {
        String jar = "contrastive4j-losses-angle-" + Contrastive4j.version() + ".jar";
        Path removed = Files.move(home.resolve("plugins").resolve(jar), workspace.resolve(jar));
        try {
            Launch losses = launch(Map.of(), "losses");
            assertThat(losses.exitCode()).as(losses.err()).isZero();
            assertThat(lossNames(losses.out())).contains("mnrl", "triplet").doesNotContain("angle", "cosent", "cosine");

            Launch train = launch(Map.of(), "train", "--loss", "0.5*mnrl + 0.5*angle", "--model",
                    tinyModel.toString(), "--train-size", "16", "--no-progress", "--output",
                    workspace.resolve("run-angle").toString());
            assertThat(train.exitCode()).isEqualTo(2);
            assertThat(train.err()).startsWith("c4j: error: loss expression column 16: unknown loss 'angle'")
                    .contains("; it is provided by the losses-angle module (" + jar + "): put it in the plugins"
                            + " folder");
        } finally {
            Files.move(removed, home.resolve("plugins").resolve(jar));
        }
    }

    @Test
    void incompatibleAndCrashingPluginJarsAreReportedAndSkipped() throws Exception {
        Path build = Files.createDirectories(workspace.resolve("broken-build"));
        Path extra = Files.createDirectories(workspace.resolve("extra-plugins"));
        String otherMajor = (Integer.parseInt(SpiVersion.CURRENT.split("\\.")[0]) + 1) + ".0";
        Path incompatible = Files.move(PluginJarBuilder.jar("next-major-plugin.jar")
                .source(TestPluginSources.lossPluginModule("com.example.future"),
                        TestPluginSources.lossPlugin("com.example.future", "future-loss"))
                .pluginModule(TestPluginSources.lossPluginModule("com.example.future"))
                .manifestAttribute(SpiVersion.MANIFEST_ATTRIBUTE, otherMajor)
                .buildIn(build), extra.resolve("next-major-plugin.jar"));
        Path crashing = Files.move(PluginJarBuilder.jar("crashing-plugin.jar")
                .source(TestPluginSources.crashingConstructorModule("com.example.crash"),
                        TestPluginSources.crashingConstructorPlugin("com.example.crash", "licence server unreachable"))
                .pluginModule(TestPluginSources.crashingConstructorModule("com.example.crash"))
                .buildIn(build), extra.resolve("crashing-plugin.jar"));
        Path dropped = Files.copy(examplePlugin, home.resolve("plugins").resolve(examplePlugin.getFileName()));
        try {
            Launch losses = launch(Map.of("C4J_PLUGINS", extra.toString()), "losses");

            assertThat(losses.exitCode()).as(losses.err()).isZero();
            assertThat(lossNames(losses.out())).contains("mnrl", "angle", "margin-ranking").doesNotContain("future-loss");
            assertThat(losses.err().lines()).containsExactlyInAnyOrder(
                    "c4j: warning: plugin skipped: com.example.future.LossPlugin (" + incompatible + "): built"
                            + " against SPI " + otherMajor + ", but this contrastive4j provides SPI "
                            + SpiVersion.CURRENT + " (another major version); use a build of the plugin for SPI "
                            + SpiVersion.CURRENT.split("\\.")[0] + ".x",
                    "c4j: warning: plugin skipped: com.example.crash.CrashingPlugin (" + crashing + "): could not be"
                            + " created: IllegalStateException: licence server unreachable");
        } finally {
            Files.delete(dropped);
        }
    }

    /** What one run of {@code bin/c4j} printed and how it ended. */
    private record Launch(int exitCode, String out, String err) {
    }

    private static Launch launch(Map<String, String> environment, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/c4j").toString()));
        command.addAll(List.of(arguments));
        Path out = Files.createTempFile(workspace, "out", ".txt");
        Path err = Files.createTempFile(workspace, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workspace.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("C4J_PLUGINS");
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).as("c4j " + String.join(" ", arguments)).isTrue();
        return new Launch(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** The losses {@code c4j losses} lists: the first word of each unindented line, up to the converters. */
    private static List<String> lossNames(String listing) {
        List<String> names = new ArrayList<>();
        for (String line : listing.lines().toList()) {
            if (line.startsWith("Converters:")) {
                break;
            }
            if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                names.add(line.split("\\s+")[0]);
            }
        }
        return names;
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static java.util.stream.Collector<Path, ?, Path> singleFolder() {
        return java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), folders -> {
            assertThat(folders).as("the archive's top-level entries").hasSize(1);
            return folders.get(0);
        });
    }
}
