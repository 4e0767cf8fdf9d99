package dev.contrastive4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.encoder.TinyBert;
import dev.contrastive4j.encoder.io.FloatTensor;
import dev.contrastive4j.encoder.io.SafetensorsReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code c4j train} process, killed with SIGKILL in the middle of a run and started again with
 * {@code --resume}, ends with the same parameters as a run that was never interrupted.
 */
class KilledTrainingResumesIT {

    private static final int STEPS = 120;

    @TempDir
    static Path workspace;
    static Path model;
    static Path data;

    @BeforeAll
    static void tinyModelAndData() throws IOException {
        model = workspace.resolve("tiny");
        // Dropout off: with dropout on, the tiny BERT's gradient occasionally turns NaN in the attention scores
        // (an open bug, reproduced outside the trainer); this test is about resuming, not about that bug.
        try (SentenceEncoder tiny = TinyBert.create(11, 0.0)) {
            tiny.save(model);
        }
        String[] words = {"the", "cat", "sat", "on", "mat", "dog", "ran", "a", "big", "red", "bird", "sang"};
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            lines.add(String.format("{\"anchor\":\"%s %s %d\",\"positive\":\"%s %s %d\",\"negative\":\"%s %s %d\"}",
                    words[i % 12], words[(i + 3) % 12], i, words[(i + 1) % 12], words[(i + 7) % 12], i + 100,
                    words[(i + 5) % 12], words[(i + 2) % 12], i + 200));
        }
        data = Files.write(workspace.resolve("triplets.jsonl"), lines, StandardCharsets.UTF_8);
    }

    private static List<String> trainArguments(Path output) {
        return List.of("train", "--model", model.toString(), "--train", data.toString(), "--loss",
                "0.5*mnrl + 0.5*triplet", "--batch-size", "8", "--max-steps", Integer.toString(STEPS), "--lr", "1e-3",
                "--save-steps", "7", "--seed", "5", "--output", output.toString(), "--no-progress");
    }

    private static Process start(List<String> arguments, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true", "-cp", System.getProperty("java.class.path"),
                C4j.class.getName()));
        command.addAll(arguments);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static int run(List<String> arguments, Path log) throws Exception {
        Process process = start(arguments, log);
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

    @Test
    void aRunKilledWithSigkillResumesToTheSameParameters() throws Exception {
        Path straight = workspace.resolve("straight");
        assertThat(run(trainArguments(straight), workspace.resolve("straight.log")))
                .as(Files.readString(workspace.resolve("straight.log"))).isZero();

        Path interrupted = workspace.resolve("interrupted");
        List<Long> killedAt = new ArrayList<>();
        // Kill three times at different points, resuming each time, before letting the run finish.
        for (int threshold : new int[] {20, 55, 90}) {
            List<String> arguments = new ArrayList<>(trainArguments(interrupted));
            if (Files.exists(interrupted.resolve("run.json"))) {
                arguments.add("--resume");
            }
            Process process = start(arguments, workspace.resolve("killed-" + threshold + ".log"));
            long newest = waitForCheckpointAtLeast(interrupted, threshold, process);
            process.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no cleanup
            process.waitFor(30, TimeUnit.SECONDS);
            killedAt.add(newest);
        }
        assertThat(Files.exists(interrupted.resolve("final"))).as("killed before the end").isFalse();
        List<String> resume = new ArrayList<>(trainArguments(interrupted));
        resume.add("--resume");
        Path resumeLog = workspace.resolve("resumed.log");
        assertThat(run(resume, resumeLog)).as(Files.readString(resumeLog)).isZero();

        Map<String, FloatTensor> expected = SafetensorsReader.readFloats(straight.resolve("final/model.safetensors"));
        Map<String, FloatTensor> actual = SafetensorsReader.readFloats(interrupted.resolve("final/model.safetensors"));
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        double worst = 0;
        for (String name : expected.keySet()) {
            float[] e = expected.get(name).values();
            float[] a = actual.get(name).values();
            for (int i = 0; i < e.length; i++) {
                worst = Math.max(worst, Math.abs(e[i] - a[i]));
            }
        }
        assertThat(worst).as("largest parameter difference; killed after checkpoints " + killedAt).isLessThanOrEqualTo(1e-6);
        assertThat(Files.readAllLines(interrupted.resolve("metrics.jsonl"))).hasSize(STEPS);
    }

    /** Polls the run folder until a checkpoint of at least {@code step} exists; returns the newest step seen. */
    private static long waitForCheckpointAtLeast(Path output, int step, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (System.nanoTime() < deadline) {
            long newest = newestCheckpoint(output);
            if (newest >= step) {
                return newest;
            }
            assertThat(process.isAlive()).as("the run ended before step " + step).isTrue();
            Thread.sleep(5);
        }
        throw new AssertionError("no checkpoint at step " + step + " within 240 s");
    }

    private static long newestCheckpoint(Path output) throws IOException {
        Path checkpoints = output.resolve("checkpoints");
        if (!Files.isDirectory(checkpoints)) {
            return -1;
        }
        try (Stream<Path> folders = Files.list(checkpoints)) {
            return folders.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("step-"))
                    .mapToLong(n -> Long.parseLong(n.substring(5))).max().orElse(-1);
        } catch (java.nio.file.NoSuchFileException e) {
            return -1; // a checkpoint was being pruned while we listed
        }
    }
}
