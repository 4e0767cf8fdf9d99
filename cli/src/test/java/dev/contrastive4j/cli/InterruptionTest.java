package dev.contrastive4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.encoder.TinyBert;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (SIGINT) and SIGTERM are a clean stop: one line that says where the last checkpoint is and how to
 * continue, and no temporary file left behind (issue 19, item 12). Each case runs {@code c4j} in a child JVM, as
 * a user would, and signals it once its work is under way.
 */
class InterruptionTest {

    @TempDir
    static Path workspace;
    static Path tinyModel;

    @BeforeAll
    static void tinyModel() throws Exception {
        tinyModel = workspace.resolve("tiny-model");
        try (SentenceEncoder tiny = TinyBert.create(5)) {
            tiny.save(tinyModel);
        }
    }

    @Test
    void ctrlCDuringTrainingSaysWhereTheLastCheckpointIsAndHowToResume() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            lines.add("{\"anchor\": \"query " + i + "\", \"positive\": \"answer " + i + "\"}");
        }
        Path data = Files.write(workspace.resolve("pairs.jsonl"), lines, StandardCharsets.UTF_8);
        Path output = workspace.resolve("interrupted-run");
        Path log = workspace.resolve("train.log");
        Process c4j = start(log, "train", "--model", tinyModel.toString(), "--train", data.toString(), "--batch-size",
                "4", "--max-steps", "1000000", "--save-steps", "3", "--output", output.toString(), "--no-progress");

        // Step 4 logged: the checkpoint of step 3 has been written and reported (listeners run in step order).
        waitFor(c4j, () -> Files.exists(output.resolve("metrics.jsonl"))
                && Files.readAllLines(output.resolve("metrics.jsonl")).size() >= 5);
        signal(c4j, "INT");

        assertThat(c4j.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(c4j.exitValue()).isEqualTo(130);
        List<String> err = Files.readAllLines(log).stream().filter(line -> !line.isBlank()).toList();
        assertThat(err.get(err.size() - 1)).as(String.join("\n", err))
                .startsWith("c4j: interrupted; the last checkpoint is " + output.resolve("checkpoints/step-"))
                .contains("continue with the same command and --resume");
        assertThat(err.stream().filter(line -> line.startsWith("c4j: interrupted"))).hasSize(1);
        assertThat(listing(output, p -> p.getFileName().toString().startsWith(".")))
                .as("temporary files and folders, and the lock").isEmpty();
    }

    @Test
    void sigtermDuringEncodingRemovesTheUnfinishedOutput() throws Exception {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 400_000; i++) {
            texts.add("text number " + i);
        }
        Path input = Files.write(workspace.resolve("texts.txt"), texts, StandardCharsets.UTF_8);
        Path folder = Files.createDirectories(workspace.resolve("embeddings"));
        Path output = folder.resolve("embeddings.jsonl");
        Path log = workspace.resolve("encode.log");
        Process c4j = start(log, "encode", "--model", tinyModel.toString(), "--input", input.toString(), "--output",
                output.toString(), "--no-progress");

        waitFor(c4j, () -> !listing(folder, p -> p.getFileName().toString().endsWith(".tmp")).isEmpty());
        signal(c4j, "TERM");

        assertThat(c4j.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(c4j.exitValue()).isEqualTo(143);
        assertThat(Files.readString(log)).contains("c4j: interrupted");
        assertThat(listing(folder, p -> true)).as("neither the output nor its temporary file").isEmpty();
    }

    private static Process start(Path log, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true", "-cp",
                System.getProperty("java.class.path"), C4j.class.getName()));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private interface Condition {
        boolean holds() throws IOException;
    }

    private static void waitFor(Process process, Condition condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!condition.holds()) {
            assertThat(process.isAlive()).as("the command ended before it could be interrupted").isTrue();
            assertThat(System.nanoTime()).as("waited 90 s for the command to get going").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static void signal(Process process, String signal) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor())
                .isZero();
    }

    private static List<Path> listing(Path folder, Predicate<Path> filter) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.filter(p -> !p.equals(folder)).filter(filter).toList();
        }
    }
}
