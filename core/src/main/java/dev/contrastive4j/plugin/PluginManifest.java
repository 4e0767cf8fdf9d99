package dev.contrastive4j.plugin;

import dev.contrastive4j.spi.SpiVersion;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** Reads what a plugin's jar manifest says about the plugin, without loading any more of its classes. */
final class PluginManifest {

    private PluginManifest() {
    }

    /**
     * The SPI version declared by the jar (or classes folder) that holds {@code type}; empty when it declares
     * none or its manifest cannot be read.
     */
    static Optional<String> spiVersion(Class<?> type) {
        return manifest(type).map(m -> m.getMainAttributes().getValue(SpiVersion.MANIFEST_ATTRIBUTE));
    }

    private static Optional<Manifest> manifest(Class<?> type) {
        CodeSource code = type.getProtectionDomain().getCodeSource();
        if (code == null || code.getLocation() == null) {
            return Optional.empty();
        }
        try {
            Path location = Path.of(code.getLocation().toURI());
            if (Files.isRegularFile(location)) {
                try (JarFile jar = new JarFile(location.toFile())) {
                    return Optional.ofNullable(jar.getManifest());
                }
            }
            Path file = location.resolve(JarFile.MANIFEST_NAME);
            if (Files.isRegularFile(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    return Optional.of(new Manifest(in));
                }
            }
            return Optional.empty();
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            // A jar that loaded a class but whose manifest cannot be read is judged by its classes alone.
            return Optional.empty();
        }
    }
}
