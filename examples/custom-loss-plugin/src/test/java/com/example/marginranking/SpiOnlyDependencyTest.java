package com.example.marginranking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive4j.testkit.SpiOnlyCheck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A third-party plugin compiles against the SPI, DJL's API and Guice only: nothing else of the installation. */
class SpiOnlyDependencyTest {

    private static final Pattern IMPORT = Pattern.compile("^import (static )?([\\w.]+);", Pattern.MULTILINE);

    @Test
    void mainCodeImportsOnlyTheSpiDjlApiGuiceAndTheJdk() throws IOException {
        List<String> imports;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            imports = files.filter(f -> f.toString().endsWith(".java"))
                    .flatMap(f -> IMPORT.matcher(read(f)).results().map(m -> m.group(2)))
                    .toList();
        }
        assertThat(imports).isNotEmpty().allSatisfy(i -> assertThat(i).matches(
                "(dev\\.contrastive4j\\.spi|ai\\.djl\\.ndarray|com\\.google\\.inject|java\\.util|com\\.example)\\..*"));
    }

    @Test
    void classFilesReferToNothingOfContrastive4jButTheSpi() {
        SpiOnlyCheck.assertSpiOnly(Path.of("target", "classes"), "com.example.marginranking");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
