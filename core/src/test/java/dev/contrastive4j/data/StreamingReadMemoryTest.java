package dev.contrastive4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive4j.spi.Example;
import dev.contrastive4j.spi.Triplet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file bigger than the heap is read in a child JVM whose heap is capped at {@value #HEAP}: streaming must
 * succeed, and, as a control that the cap really binds, loading the same file whole must run out of memory.
 */
class StreamingReadMemoryTest {

    private static final int ROWS = 1_000_000;
    private static final String HEAP = "48m";
    private static final long HEAP_BYTES = 48L << 20;

    @TempDir
    static Path dir;

    private static Path file;

    /** The generator's row {@code i}; the child checks every row it reads against it. */
    static Example row(long i) {
        return new Triplet("query " + i + " about cats", "answer " + i + ", about cats", "answer " + i + " about dogs");
    }

    @BeforeAll
    static void writeAMillionRows() {
        file = dir.resolve("million.csv");
        try (ExampleWriter writer = ExampleWriter.create(file)) {
            for (int i = 0; i < ROWS; i++) {
                writer.write(row(i));
            }
        }
    }

    @Test
    void aMillionRowFileBiggerThanTheHeapStreamsThroughASmallHeap() throws Exception {
        assertThat(Files.size(file)).isGreaterThan(HEAP_BYTES);

        ChildRun run = readInChildJvm("stream");

        assertThat(run.output()).contains("rows=" + ROWS);
        assertThat(run.exitCode()).as(run.output()).isZero();
    }

    @Test
    void loadingTheSameFileWholeDoesNotFitTheHeap() throws Exception {
        ChildRun run = readInChildJvm("load");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("OutOfMemoryError");
    }

    private static ChildRun readInChildJvm(String mode) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx" + HEAP, "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), BoundedMemoryReadMain.class.getName(), mode,
                file.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("child JVM did not finish within 60 s");
        }
        return new ChildRun(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private record ChildRun(int exitCode, String output) {
    }
}
