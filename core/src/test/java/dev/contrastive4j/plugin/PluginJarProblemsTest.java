package dev.contrastive4j.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive4j.spi.SpiVersion;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugin jars that must not run — built for another SPI version, or crashing at start-up — are reported with
 * their jar and skipped, and the plugins beside them still load. Every jar here is built at test time.
 */
class PluginJarProblemsTest {

    @TempDir
    static Path folder;
    static Path healthy;
    static Path nextMajor;
    static Path newerMinor;
    static Path sameMajorOlderMinor;
    static Path crashingConstructor;
    static Path crashingFactory;

    private URLClassLoader loader;

    @BeforeAll
    static void buildJars() throws IOException {
        healthy = PluginJarBuilder.fixturePlugin("healthy.jar")
                .manifestAttribute(SpiVersion.MANIFEST_ATTRIBUTE, SpiVersion.CURRENT).buildIn(folder);
        int major = Integer.parseInt(SpiVersion.CURRENT.split("\\.")[0]);
        int minor = Integer.parseInt(SpiVersion.CURRENT.split("\\.")[1]);
        nextMajor = lossJar("next-major.jar", "com.example.future", "future-loss", (major + 1) + ".0");
        newerMinor = lossJar("newer-minor.jar", "com.example.newer", "newer-loss", major + "." + (minor + 1));
        sameMajorOlderMinor = lossJar("same-major.jar", "com.example.same", "same-loss", major + ".0");
        crashingConstructor = PluginJarBuilder.jar("crashing-constructor.jar")
                .source(TestPluginSources.crashingConstructorModule("com.example.crash"),
                        TestPluginSources.crashingConstructorPlugin("com.example.crash", "no licence file"))
                .pluginModule(TestPluginSources.crashingConstructorModule("com.example.crash"))
                .buildIn(folder);
        crashingFactory = PluginJarBuilder.jar("crashing-factory.jar")
                .source(TestPluginSources.crashingFactoryModule("com.example.crashfactory"),
                        TestPluginSources.crashingFactoryPlugin("com.example.crashfactory", "crash-loss", "no GPU"))
                .pluginModule(TestPluginSources.crashingFactoryModule("com.example.crashfactory"))
                .buildIn(folder);
    }

    private static Path lossJar(String file, String packageName, String lossName, String spiVersion)
            throws IOException {
        return PluginJarBuilder.jar(file)
                .source(TestPluginSources.lossPluginModule(packageName), TestPluginSources.lossPlugin(packageName, lossName))
                .pluginModule(TestPluginSources.lossPluginModule(packageName))
                .manifestAttribute(SpiVersion.MANIFEST_ATTRIBUTE, spiVersion)
                .buildIn(folder);
    }

    @AfterEach
    void closeLoader() throws IOException {
        if (loader != null) {
            loader.close();
        }
    }

    private PluginRegistry discover(Path... jars) throws IOException {
        URL[] urls = new URL[jars.length];
        for (int i = 0; i < jars.length; i++) {
            urls[i] = jars[i].toUri().toURL();
        }
        loader = new URLClassLoader(urls, PluginJarProblemsTest.class.getClassLoader());
        return PluginRegistry.discover(loader);
    }

    @Test
    void aPluginBuiltForAnotherMajorSpiVersionIsSkippedNamingItsJarAndBothVersions() throws IOException {
        PluginRegistry registry = discover(nextMajor, healthy);

        assertThat(registry.hasLoss("fixture-contrast")).isTrue();
        assertThat(registry.hasLoss("future-loss")).isFalse();
        String declared = (Integer.parseInt(SpiVersion.CURRENT.split("\\.")[0]) + 1) + ".0";
        assertThat(registry.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.source()).isEqualTo("com.example.future.LossPlugin (" + nextMajor + ")");
            assertThat(problem.message()).startsWith("built against SPI " + declared
                    + ", but this contrastive4j provides SPI " + SpiVersion.CURRENT + " (another major version)");
        });
    }

    @Test
    void aPluginBuiltAgainstANewerMinorVersionIsSkipped() throws IOException {
        PluginRegistry registry = discover(newerMinor, healthy);

        assertThat(registry.hasLoss("newer-loss")).isFalse();
        assertThat(registry.hasLoss("fixture-contrast")).isTrue();
        assertThat(registry.problems()).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("update contrastive4j"));
    }

    @Test
    void aPluginBuiltAgainstAnOlderMinorOfTheSameMajorLoads() throws IOException {
        PluginRegistry registry = discover(sameMajorOlderMinor);

        assertThat(registry.problems()).isEmpty();
        assertThat(registry.loss("same-loss").source()).isEqualTo(sameMajorOlderMinor.toString());
    }

    @Test
    void aPluginWhoseConstructorThrowsIsSkippedAndTheOthersLoad() throws IOException {
        PluginRegistry registry = discover(crashingConstructor, healthy);

        assertThat(registry.hasLoss("fixture-contrast")).isTrue();
        assertThat(registry.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.source()).isEqualTo("com.example.crash.CrashingPlugin (" + crashingConstructor + ")");
            assertThat(problem.message()).isEqualTo("could not be created: IllegalStateException: no licence file");
        });
    }

    @Test
    void aPluginWhoseLossFactoryThrowsIsSkippedAndTheOthersLoad() throws IOException {
        PluginRegistry registry = discover(crashingFactory, healthy);

        assertThat(registry.hasLoss("fixture-contrast")).isTrue();
        assertThat(registry.hasLoss("crash-loss")).isFalse();
        assertThat(registry.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.source()).isEqualTo("'crash-loss'");
            assertThat(problem.message()).isEqualTo("could not be created: IllegalStateException: no GPU");
        });
    }
}
