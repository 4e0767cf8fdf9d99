package dev.contrastive4j.losses.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A plugin compiles against the core's SPI package only (DESIGN.md §2); the PyTorch engine is not its business. */
class SpiOnlyDependencyTest {

    private static final Pattern PROJECT_IMPORT = Pattern.compile("^import (static )?(dev\\.contrastive4j\\.[\\w.]+);",
            Pattern.MULTILINE);

    @Test
    void mainCodeImportsNothingFromCoreButTheSpiPackage() throws IOException {
        List<String> offending;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            offending = files.filter(f -> f.toString().endsWith(".java"))
                    .flatMap(SpiOnlyDependencyTest::projectImports)
                    .filter(i -> !i.startsWith("dev.contrastive4j.spi.")
                            && !i.startsWith("dev.contrastive4j.losses.ranking."))
                    .toList();
        }
        assertThat(offending).isEmpty();
    }

    @Test
    void mainCodeDoesNotTouchThePytorchEngine() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".java")).map(SpiOnlyDependencyTest::read))
                    .isNotEmpty()
                    .noneMatch(source -> source.contains("ai.djl.pytorch"));
        }
    }

    private static Stream<String> projectImports(Path file) {
        return PROJECT_IMPORT.matcher(read(file)).results().map(m -> m.group(2));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
