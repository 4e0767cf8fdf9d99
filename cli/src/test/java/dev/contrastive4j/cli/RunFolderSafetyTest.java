package dev.contrastive4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.encoder.TinyBert;
import dev.contrastive4j.train.OutputFolderLock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No command destroys the user's files or another run's work: an output that is the input, a refused or
 * pointless {@code --resume}, two runs sharing one output folder, an option that would fail only after training
 * (issue 19, items 1-4, 7 and 11).
 */
class RunFolderSafetyTest {

    @TempDir
    static Path workspace;
    static Path tinyModel;
    static Path triplets;

    @BeforeAll
    static void tinyModelAndData() throws Exception {
        tinyModel = workspace.resolve("tiny-model");
        try (SentenceEncoder tiny = TinyBert.create(5)) {
            tiny.save(tinyModel);
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            lines.add(String.format("{\"anchor\": \"query %d\", \"positive\": \"answer %d\", \"negative\": \"other %d\"}",
                    i, i, i + 100));
        }
        triplets = workspace.resolve("triplets.jsonl");
        Files.write(triplets, lines, StandardCharsets.UTF_8);
    }

    private static String[] train(Path output, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--model", tinyModel.toString(), "--train",
                triplets.toString(), "--batch-size", "4", "--lr", "1e-3", "--save-steps", "1", "--output",
                output.toString(), "--no-progress"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void anOutputThatIsTheInputIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path folder = Files.createDirectories(workspace.resolve("same-file"));
        Path data = Files.copy(triplets, folder.resolve("t.jsonl"));
        Path link = Files.createSymbolicLink(folder.resolve("link.jsonl"), data);
        Path texts = Files.write(folder.resolve("texts.txt"), List.of("a cat", "a dog"));
        Map<String, String> before = listing(folder);
        String dotted = folder.resolve(".").resolve("t.jsonl").toString();
        String[][] commands = {
            {"convert", "--to", "scored-pairs", data.toString(), data.toString()},
            {"convert", "--to", "scored-pairs", data.toString(), dotted},
            {"convert", "--to", "scored-pairs", data.toString(), link.toString()},
            {"encode", "--model", tinyModel.toString(), "--input", texts.toString(), "--output", texts.toString()},
            {"encode", "--model", tinyModel.toString(), "--input", texts.toString(), "--output",
                folder.resolve("x/../texts.txt").toString()},
            {"evaluate", "--model", tinyModel.toString(), "--eval", data.toString(), "--output", data.toString()},
            {"evaluate", "--model", tinyModel.toString(), "--eval", link.toString(), "--output", dotted},
        };
        for (String[] command : commands) {
            CliRun run = CliRun.of(command);
            assertThat(run.exitCode()).as(String.join(" ", command) + "\n" + run.err()).isEqualTo(2);
            assertThat(run.err()).as(String.join(" ", command)).contains("is the input", "would replace the input");
            assertThat(listing(folder)).as(String.join(" ", command)).isEqualTo(before);
        }
    }

    @Test
    void aRefusedResumeChangesNothing() throws Exception {
        Path output = workspace.resolve("refused-resume");
        assertThat(CliRun.of(train(output, "--max-steps", "1")).exitCode()).isZero();
        Map<String, String> before = listing(output);

        CliRun resumed = CliRun.of(train(output, "--max-steps", "2", "--resume"));

        assertThat(resumed.exitCode()).as(resumed.err()).isEqualTo(2);
        assertThat(listing(output)).as("run.json, checkpoints, metrics, final model").isEqualTo(before);
    }

    @Test
    void resumingAFinishedRunSaysSoAndChangesNothing() throws Exception {
        Path output = workspace.resolve("finished");
        assertThat(CliRun.of(train(output, "--max-steps", "2")).exitCode()).isZero();
        Map<String, String> before = listing(output);

        CliRun resumed = CliRun.of(train(output, "--max-steps", "2", "--resume"));

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("finished already", "nothing changed");
        assertThat(resumed.out()).contains("Trained 2 steps").doesNotContain("NaN");
        assertThat(listing(output)).isEqualTo(before);
    }

    @Test
    void resumeInAFolderThatHoldsNoRunIsRefused() throws Exception {
        Path empty = Files.createDirectories(workspace.resolve("no-run-here"));
        Path comparison = Files.createDirectories(workspace.resolve("a-comparison"));
        Files.writeString(comparison.resolve("compare.json"), "{}");
        Map<String, String> before = listing(comparison);
        for (Path output : List.of(empty, comparison, workspace.resolve("typo"))) {
            CliRun run = CliRun.of(train(output, "--max-steps", "1", "--resume"));
            assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
            assertThat(run.err()).contains("holds no run to continue");
        }
        assertThat(listing(empty)).isEmpty();
        assertThat(listing(comparison)).isEqualTo(before);
        assertThat(workspace.resolve("typo")).doesNotExist();
    }

    @Test
    void anOutputFolderInUseByAnotherRunIsRefusedAndLeftAlone() throws Exception {
        Path output = workspace.resolve("shared");
        assertThat(CliRun.of(train(output, "--max-steps", "1")).exitCode()).isZero();
        Map<String, String> before = listing(output);
        try (OutputFolderLock held = OutputFolderLock.acquire(output, "--output")) {
            Map<String, String> locked = listing(output);
            for (String[] args : List.of(train(output, "--max-steps", "2", "--resume"),
                    train(output, "--max-steps", "1", "--resume"))) {
                CliRun second = CliRun.of(args);
                assertThat(second.exitCode()).as(second.err()).isEqualTo(2);
                assertThat(second.err().lines()).as(second.err()).hasSize(1);
                assertThat(second.err()).contains("is in use by another c4j run (process "
                        + ProcessHandle.current().pid());
                assertThat(listing(output)).isEqualTo(locked);
            }
        }
        assertThat(listing(output)).as("the lock file goes with the lock").isEqualTo(before);
    }

    @Test
    void aLockFileLeftByADeadProcessIsTakenOver() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path output = Files.createDirectories(workspace.resolve("stale-lock"));
        Files.writeString(output.resolve(OutputFolderLock.FILE_NAME), gone.pid() + " 2026-01-01T00:00:00Z 1");

        CliRun run = CliRun.of(train(output, "--max-steps", "1"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(output.resolve("final/model.safetensors")).exists();
        assertThat(output.resolve(OutputFolderLock.FILE_NAME)).doesNotExist();

        // A live process id, but of a process started at another time: the id was reused, the lock is stale.
        Path reused = Files.createDirectories(workspace.resolve("reused-pid-lock"));
        Files.writeString(reused.resolve(OutputFolderLock.FILE_NAME), ProcessHandle.current().pid()
                + " 2000-01-01T00:00:00Z 1");
        CliRun again = CliRun.of(train(reused, "--max-steps", "1"));
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(reused.resolve(OutputFolderLock.FILE_NAME)).doesNotExist();
    }

    @Test
    void anUnknownKeepBestMetricIsRefusedBeforeTheFirstStep() {
        Path output = workspace.resolve("keep-best");
        CliRun run = CliRun.of(train(output, "--max-steps", "2", "--eval", triplets.toString(), "--keep-best",
                "ir.ndcg@11"));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("--keep-best names metric 'ir.ndcg@11'", "ir.ndcg@10");
        assertThat(output).as("refused before the run folder appears").doesNotExist();
    }

    /** Every file under {@code folder} with its SHA-256, so that any change shows. */
    static Map<String, String> listing(Path folder) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.filter(p -> !p.equals(folder)).toList()) {
                String name = folder.relativize(path).toString();
                entries.put(name, Files.isRegularFile(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        ? sha256(Files.readAllBytes(path)) : "folder or link");
            }
        }
        return entries;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
