package dev.contrastive4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contrastive4j.plugin.PluginJarBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossesCommandTest {

    @TempDir
    static Path workspace;
    static Path pluginsFolder;

    @BeforeAll
    static void buildFixturePluginIntoAPluginsFolder() throws Exception {
        Path jar = PluginJarBuilder.buildFixturePlugin(Files.createDirectories(workspace.resolve("build")));
        pluginsFolder = Files.createDirectories(workspace.resolve("plugins"));
        Files.copy(jar, pluginsFolder.resolve("fixture-plugin.jar"));
        // Anything that is not a jar must be ignored.
        Files.writeString(pluginsFolder.resolve("README.txt"), "not a plugin");
    }

    @Test
    void jsonListsThePluginFromThePluginsFolderWithItsParameters() throws Exception {
        CliRun run = CliRun.of("losses", "--json", "--plugins", pluginsFolder.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(run.out());
        JsonNode fixture = find(root.get("losses"), "fixture-contrast");
        assertThat(fixture).as(run.out()).isNotNull();
        assertThat(fixture.get("aliases").get(0).asText()).isEqualTo("fixture");
        assertThat(fixture.get("formats").get(0).asText()).isEqualTo("triplet");
        assertThat(fixture.get("source").asText()).endsWith("fixture-plugin.jar");
        JsonNode margin = fixture.get("parameters").get(0);
        assertThat(margin.get("name").asText()).isEqualTo("margin");
        assertThat(margin.get("type").asText()).isEqualTo("number");
        assertThat(margin.get("default").asDouble()).isEqualTo(0.2);
        assertThat(margin.get("min").asDouble()).isZero();
        assertThat(margin.get("minInclusive").asBoolean()).isTrue();
        JsonNode reduction = fixture.get("parameters").get(1);
        assertThat(reduction.get("choices")).extracting(JsonNode::asText).containsExactly("mean", "sum");
    }

    @Test
    void withoutThePluginFolderTheFixtureLossIsAbsent() throws Exception {
        CliRun run = CliRun.of("losses", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertThat(find(root.get("losses"), "fixture-contrast")).isNull();
    }

    @Test
    void thePluginsEnvironmentVariableIsHonoured() {
        CliRun run = CliRun.withPluginsEnvironment(pluginsFolder.toString(), "losses");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("fixture-contrast  (aliases: fixture)", "formats: triplet",
                "margin     number = 0.2, >= 0  How much closer the positive must be.");
    }

    @Test
    void theInstallationsPluginsFolderIsLoadedWithoutAnyOption() {
        CliRun run = CliRun.withInstalledPlugins(pluginsFolder.toString(), "losses");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("fixture-contrast  (aliases: fixture)");
    }

    @Test
    void aMissingInstallationPluginsFolderIsIgnored() {
        CliRun run = CliRun.withInstalledPlugins(workspace.resolve("removed").toString(), "losses");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("mnrl").doesNotContain("fixture-contrast");
    }

    @Test
    void aMissingPluginsFolderIsAUserError() {
        CliRun run = CliRun.of("losses", "--plugins", workspace.resolve("nope").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("c4j: error: plugins folder " + workspace.resolve("nope")
                + " does not exist or is not a folder");
    }

    private static JsonNode find(JsonNode losses, String name) {
        List<JsonNode> found = new ArrayList<>();
        losses.forEach(loss -> {
            if (loss.get("name").asText().equals(name)) {
                found.add(loss);
            }
        });
        return found.isEmpty() ? null : found.get(0);
    }
}
