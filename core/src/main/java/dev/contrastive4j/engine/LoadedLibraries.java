package dev.contrastive4j.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** The native libraries mapped into this process, as {@code /proc/self/maps} lists them (Linux). */
final class LoadedLibraries {

    private static final Path MAPS = Path.of("/proc/self/maps");

    private LoadedLibraries() {}

    /**
     * The path of the mapped library named {@code fileName} (e.g. {@code libc10.so}, which DJL loads from its
     * cache folder rather than the library path); empty if none is mapped or the map cannot be read.
     */
    static Optional<Path> find(String fileName) {
        try (Stream<String> lines = Files.lines(MAPS, StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.endsWith("/" + fileName))
                    .map(line -> Path.of(line.substring(line.indexOf('/')))).findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
