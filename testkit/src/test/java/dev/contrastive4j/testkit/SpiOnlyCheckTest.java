package dev.contrastive4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrastive4j.testkit.fixtures.plugin.KeepsToTheSpi;
import dev.contrastive4j.testkit.fixtures.plugin.ReachesIntoCore;
import dev.contrastive4j.testkit.fixtures.plugin.TouchesTheEngine;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The class-file check passes a plugin that keeps to the SPI and catches every way of reaching past it. */
class SpiOnlyCheckTest {

    private static final String OWN = "dev.contrastive4j.testkit.fixtures.plugin";

    @TempDir
    Path plugin;

    @Test
    void classesThatKeepToTheSpiAndTheirOwnPackagePass() throws IOException {
        copy(KeepsToTheSpi.class, KeepsToTheSpi.OwnHelper.class);

        assertThat(ClassFileReferences.of(plugin).get(path(KeepsToTheSpi.class)))
                .contains("dev/contrastive4j/spi/EmbeddingLoss", "dev/contrastive4j/spi/EmbeddedBatch",
                        "ai/djl/ndarray/NDArray", "dev/contrastive4j/testkit/fixtures/plugin/KeepsToTheSpi$OwnHelper");
        assertThat(SpiOnlyCheck.violations(plugin, OWN)).isEmpty();
        SpiOnlyCheck.assertSpiOnly(plugin, OWN);
    }

    @Test
    void aCoreTypeNamedOnlyInDescriptorsAndSignaturesIsCaught() throws IOException {
        copy(KeepsToTheSpi.class, KeepsToTheSpi.OwnHelper.class, ReachesIntoCore.class);

        assertThat(SpiOnlyCheck.violations(plugin, OWN))
                .containsExactly(path(ReachesIntoCore.class) + " -> dev.contrastive4j.encoder.SentenceEncoder");
        assertThatThrownBy(() -> SpiOnlyCheck.assertSpiOnly(plugin, OWN))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("must use dev.contrastive4j.spi only")
                .hasMessageContaining("ReachesIntoCore.class -> dev.contrastive4j.encoder.SentenceEncoder");
    }

    @Test
    void thePytorchEngineAndOtherPackagesOfTheProjectAreCaught() throws IOException {
        copy(TouchesTheEngine.class, KeepsToTheSpi.class, KeepsToTheSpi.OwnHelper.class);

        assertThat(SpiOnlyCheck.violations(plugin, OWN))
                .containsExactly(path(TouchesTheEngine.class) + " -> ai.djl.pytorch.engine.PtEngine");
        // The same classes seen as another plugin's: the fixture package is then not their own.
        assertThat(SpiOnlyCheck.violations(plugin, "com.example.other")).anySatisfy(v -> assertThat(v)
                .endsWith("-> dev.contrastive4j.testkit.fixtures.plugin.KeepsToTheSpi$OwnHelper"));
    }

    @Test
    void aJarIsReadLikeAFolder() throws IOException {
        copy(ReachesIntoCore.class);
        Path jar = plugin.resolveSibling(plugin.getFileName() + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(path(ReachesIntoCore.class)));
            out.write(Files.readAllBytes(plugin.resolve(path(ReachesIntoCore.class))));
        }
        try {
            assertThat(SpiOnlyCheck.violations(jar, OWN)).hasSize(1);
        } finally {
            Files.delete(jar);
        }
    }

    @Test
    void anEmptyFolderIsAnErrorNotAPass() {
        assertThatThrownBy(() -> SpiOnlyCheck.assertSpiOnly(plugin, OWN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds no class file");
    }

    private void copy(Class<?>... classes) throws IOException {
        for (Class<?> type : classes) {
            Path target = plugin.resolve(path(type));
            Files.createDirectories(target.getParent());
            try (OutputStream out = Files.newOutputStream(target)) {
                out.write(Files.readAllBytes(compiled(type)));
            }
        }
    }

    private static Path compiled(Class<?> type) {
        try {
            return Path.of(type.getResource("/" + path(type)).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String path(Class<?> type) {
        return type.getName().replace('.', '/') + ".class";
    }
}
