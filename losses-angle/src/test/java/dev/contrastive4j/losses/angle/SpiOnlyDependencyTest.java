package dev.contrastive4j.losses.angle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The plugin compiles against core's SPI package only (DESIGN.md §2), and never against another plugin. */
class SpiOnlyDependencyTest {

    private static final Pattern PROJECT_NAME = Pattern.compile("\\bdev\\.contrastive4j\\.[a-z][\\w.]*");

    @Test
    void mainCodeNamesNothingOfTheProjectButTheSpiPackageAndItself() throws IOException {
        List<String> offending;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            offending = files.filter(f -> f.toString().endsWith(".java"))
                    .flatMap(f -> PROJECT_NAME.matcher(read(f)).results()
                            .map(m -> m.group())
                            .filter(name -> !isAllowed(name))
                            .map(name -> f.getFileName() + ": " + name))
                    .toList();
        }
        assertThat(offending).isEmpty();
    }

    private static boolean isAllowed(String name) {
        return name.equals("dev.contrastive4j.spi") || name.startsWith("dev.contrastive4j.spi.")
                || name.equals("dev.contrastive4j.losses.angle") || name.startsWith("dev.contrastive4j.losses.angle.");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
