package dev.contrastive4j.losses.gist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The plugin compiles against core's SPI package, plus the two encoder types the guide model needs (DESIGN.md §2,
 * §3: factories may inject the core's encoder loading); the PyTorch engine is not its business.
 */
class DependencyBoundaryTest {

    private static final Pattern PROJECT_IMPORT = Pattern.compile("^import (static )?(dev\\.contrastive4j\\.[\\w.]+);",
            Pattern.MULTILINE);
    private static final Set<String> ALLOWED_CORE_TYPES = Set.of(
            "dev.contrastive4j.encoder.SharedEncoders", "dev.contrastive4j.encoder.SentenceEncoder");

    @Test
    void mainCodeImportsOnlyTheSpiAndTheTwoEncoderTypes() throws IOException {
        List<String> offending;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            offending = files.filter(f -> f.toString().endsWith(".java"))
                    .flatMap(DependencyBoundaryTest::projectImports)
                    .filter(i -> !i.startsWith("dev.contrastive4j.spi.")
                            && !i.startsWith("dev.contrastive4j.losses.gist.")
                            && !ALLOWED_CORE_TYPES.contains(i))
                    .toList();
        }
        assertThat(offending).isEmpty();
    }

    @Test
    void mainCodeDoesNotTouchThePytorchEngine() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".java")).map(DependencyBoundaryTest::read))
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
            throw new UncheckedIOException(e);
        }
    }
}
