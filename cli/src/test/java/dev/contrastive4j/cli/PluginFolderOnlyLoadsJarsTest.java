package dev.contrastive4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive4j.plugin.PluginClassLoaders;
import dev.contrastive4j.plugin.PluginJarBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugins folder contributes code only through regular files ending in {@code .jar}: the same plugin as
 * loose {@code .class} files with their service file, as a renamed jar, or as a folder named like a jar is
 * not loaded.
 */
class PluginFolderOnlyLoadsJarsTest {

    @TempDir
    Path workspace;

    @Test
    void classFilesTextFilesAndFoldersNamedJarAreIgnored() throws IOException {
        Path jar = PluginJarBuilder.buildFixturePlugin(Files.createDirectories(workspace.resolve("build")));
        Path plugins = Files.createDirectories(workspace.resolve("plugins"));
        extract(jar, plugins); // FixturePlugin.class, FixtureLossFactory.class, META-INF/services/...
        extract(jar, plugins.resolve("exploded.jar")); // a folder whose name ends in .jar
        Files.copy(jar, plugins.resolve("fixture-plugin.txt"));
        Files.copy(jar, plugins.resolve("fixture-plugin.jar.disabled"));
        Files.writeString(plugins.resolve("notes.txt"), "not a plugin");
        try (var classes = Files.walk(plugins)) {
            assertThat(classes.filter(p -> p.toString().endsWith(".class")).count()).as("loose classes")
                    .isGreaterThanOrEqualTo(2);
        }

        CliRun run = CliRun.of("losses", "--plugins", plugins.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).doesNotContain("fixture");
        assertThat(PluginClassLoaders.jars(List.of(plugins))).isEmpty();

        // The same plugin as a jar is loaded: the folder is read, and only the file type decides.
        Files.copy(jar, plugins.resolve("fixture-plugin.jar"));
        assertThat(CliRun.of("losses", "--plugins", plugins.toString()).out()).contains("fixture-contrast");
    }

    private static void extract(Path jar, Path folder) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                Path target = folder.resolve(entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    copy(in, target);
                }
            }
        }
    }

    private static void copy(InputStream in, Path target) throws IOException {
        Files.write(target, in.readAllBytes());
    }
}
