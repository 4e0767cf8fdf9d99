package dev.contrastive4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.encoder.TinyBert;
import dev.contrastive4j.encoder.io.FloatTensor;
import dev.contrastive4j.encoder.io.SafetensorsReader;
import dev.contrastive4j.train.Training;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code c4j train} process, killed with SIGKILL ten times in a row at seeded random moments (in the
 * middle of an update, while a checkpoint is being written, while the final model is being saved) and started
 * again with {@code --resume} each time, ends with the same parameters as a run that was never interrupted.
 * After every kill, each {@code checkpoints/step-*} folder is complete and loadable: a checkpoint being
 * written when the process dies never replaces the previous good one. Temporary folders left by the kills are
 * gone once the run has finished.
 */
class KilledTrainingResumesIT {

    private static final int STEPS = 120;
    private static final int SAVE_STEPS = 3;
    private static final long KILL_PLAN_SEED = 2024;

    @TempDir
    static Path workspace;
    static Path model;
    static Path data;

    @BeforeAll
    static void tinyModelAndData() throws IOException {
        model = workspace.resolve("tiny");
        // Dropout on, as in real training: resuming must also replay the dropout masks. (The NaN gradients once
        // seen with it came from scalars the garbage collector freed before backward read them; see
        // TrainingUnderGarbageCollectionTest.)
        try (SentenceEncoder tiny = TinyBert.create(11)) {
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

    /** When a kill strikes. */
    enum Phase {
        /** A seeded delay after a checkpoint at or past the target step: mostly inside an update. */
        STEP,
        /** The moment a checkpoint's temporary folder appears, past the target step. */
        CHECKPOINT,
        /** The moment the final model's temporary folder appears. */
        FINAL_SAVE
    }

    /** One kill: its phase, the step it waits for, and the delay after that. */
    record Kill(Phase phase, int afterStep, int delayMillis) {
    }

    /** What a kill found when it struck. */
    record Struck(Kill kill, long newestCheckpoint, boolean writingCheckpoint, boolean savingFinalModel,
            boolean processHadEnded) {
    }

    /** Ten kills: four in updates and four in checkpoint writes at rising steps, then two in the final save. */
    static List<Kill> killPlan() {
        Random random = new Random(KILL_PLAN_SEED);
        List<Kill> plan = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Phase phase = i % 2 == 0 ? Phase.STEP : Phase.CHECKPOINT;
            plan.add(new Kill(phase, 12 * (i + 1) + random.nextInt(6), phase == Phase.STEP ? random.nextInt(30) : 0));
        }
        plan.add(new Kill(Phase.FINAL_SAVE, STEPS, 0));
        plan.add(new Kill(Phase.FINAL_SAVE, STEPS, 0));
        return plan;
    }

    private static List<String> trainArguments(Path output) {
        return List.of("train", "--model", model.toString(), "--train", data.toString(), "--loss",
                "0.5*mnrl + 0.5*triplet", "--batch-size", "8", "--max-steps", Integer.toString(STEPS), "--lr", "1e-3",
                "--save-steps", Integer.toString(SAVE_STEPS), "--seed", "5", "--output", output.toString(),
                "--no-progress");
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
    void aRunKilledTenTimesAtRandomMomentsResumesToTheSameParameters() throws Exception {
        Path straight = workspace.resolve("straight");
        assertThat(run(trainArguments(straight), workspace.resolve("straight.log")))
                .as(Files.readString(workspace.resolve("straight.log"))).isZero();

        Path interrupted = workspace.resolve("interrupted");
        List<Struck> kills = new ArrayList<>();
        int attempt = 0;
        for (Kill kill : killPlan()) {
            List<String> arguments = new ArrayList<>(trainArguments(interrupted));
            if (Files.exists(interrupted.resolve(Training.RUN_FILE))) {
                arguments.add("--resume");
            }
            Path log = workspace.resolve("killed-" + ++attempt + ".log");
            Process process = start(arguments, log);
            Struck struck = strike(kill, interrupted, process);
            kills.add(struck);
            if (struck.processHadEnded()) {
                // Only a final save can be missed: the process finished before its temporary folder was seen.
                assertThat(kill.phase()).as("attempt %d ended by itself with exit code %d:%n%s", attempt,
                        process.exitValue(), Files.readString(log)).isEqualTo(Phase.FINAL_SAVE);
                assertThat(process.exitValue()).as(Files.readString(log)).isZero();
            }
            assertEveryCheckpointIsComplete(interrupted, struck);
            assertTheFinalModelIsCompleteIfPresent(interrupted);
        }
        List<String> resume = new ArrayList<>(trainArguments(interrupted));
        resume.add("--resume");
        Path resumeLog = workspace.resolve("resumed.log");
        assertThat(run(resume, resumeLog)).as(Files.readString(resumeLog)).isZero();

        double largest = largestDifference(straight, interrupted);
        assertThat(largest).as("largest parameter difference; kills: " + kills).isLessThanOrEqualTo(1e-6);
        assertThat(Files.readAllLines(interrupted.resolve("metrics.jsonl"))).hasSize(STEPS);
        assertThat(hiddenLeftovers(interrupted)).as("temporary files and folders after the finished run").isEmpty();
        // The plan is only a test if its kills struck where they were meant to.
        assertThat(kills).filteredOn(k -> k.kill().phase() == Phase.STEP).allMatch(k -> !k.processHadEnded());
        assertThat(kills).as("kills that caught a checkpoint half written").anyMatch(Struck::writingCheckpoint);
        assertThat(kills).as("kills that caught the final model half saved").anyMatch(Struck::savingFinalModel);
        System.out.println("killed-training: largest parameter difference " + largest + " after " + kills);
    }

    /** Waits for the kill's moment, kills the process with SIGKILL, and tells what it found. */
    private static Struck strike(Kill kill, Path output, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        Path checkpoints = output.resolve("checkpoints");
        while (System.nanoTime() < deadline && process.isAlive()) {
            boolean due = newestCheckpoint(output) >= kill.afterStep();
            boolean now = switch (kill.phase()) {
                case STEP -> due;
                case CHECKPOINT -> due && hasEntryStartingWith(checkpoints, ".writing-");
                case FINAL_SAVE -> hasEntryStartingWith(output, ".final.saving-");
            };
            if (now) {
                if (kill.delayMillis() > 0) {
                    Thread.sleep(kill.delayMillis());
                }
                break;
            }
            LockSupport.parkNanos(100_000); // polls often enough to see a checkpoint being written
        }
        boolean ended = !process.isAlive();
        if (!ended) {
            assertThat(System.nanoTime()).as("no moment for %s within 240 s", kill).isLessThan(deadline);
        }
        process.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no cleanup
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Struck(kill, newestCheckpoint(output), hasEntryStartingWith(checkpoints, ".writing-"),
                hasEntryStartingWith(output, ".final.saving-"), ended);
    }

    /** Every {@code step-*} folder holds a readable state, model and optimizer state. */
    private static void assertEveryCheckpointIsComplete(Path output, Struck struck) throws IOException {
        Path checkpoints = output.resolve("checkpoints");
        if (!Files.isDirectory(checkpoints)) {
            return;
        }
        List<Path> folders;
        try (Stream<Path> entries = Files.list(checkpoints)) {
            folders = entries.filter(p -> p.getFileName().toString().startsWith("step-")).toList();
        }
        assertThat(folders).as("checkpoints after " + struck).isNotEmpty();
        ObjectMapper json = new ObjectMapper();
        for (Path folder : folders) {
            long step = json.readTree(folder.resolve("state.json").toFile()).get("step").asLong();
            assertThat(folder.getFileName().toString()).isEqualTo(String.format("step-%08d", step));
            assertThat(SafetensorsReader.readFloats(folder.resolve("model.safetensors"))).as(folder + " model")
                    .isNotEmpty();
            assertThat(SafetensorsReader.readFloats(folder.resolve("optimizer.safetensors"))).as(folder + " optimizer")
                    .isNotEmpty();
        }
    }

    private static void assertTheFinalModelIsCompleteIfPresent(Path output) {
        Path finalModel = output.resolve("final");
        if (Files.exists(finalModel)) {
            for (String file : List.of("config.json", "modules.json", "tokenizer.json", "1_Pooling/config.json")) {
                assertThat(finalModel.resolve(file)).exists();
            }
            assertThat(SafetensorsReader.readFloats(finalModel.resolve("model.safetensors"))).isNotEmpty();
        }
    }

    private static double largestDifference(Path straight, Path interrupted) {
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
        return worst;
    }

    /** Hidden entries (temporary files and folders) anywhere in the run folder. */
    private static List<Path> hiddenLeftovers(Path output) throws IOException {
        try (Stream<Path> paths = Files.walk(output)) {
            return paths.filter(p -> p.getFileName().toString().startsWith(".")).toList();
        }
    }

    private static boolean hasEntryStartingWith(Path folder, String prefix) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.anyMatch(p -> p.getFileName().toString().startsWith(prefix));
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long newestCheckpoint(Path output) {
        Path checkpoints = output.resolve("checkpoints");
        if (!Files.isDirectory(checkpoints)) {
            return -1;
        }
        try (Stream<Path> folders = Files.list(checkpoints)) {
            Optional<Long> newest = folders.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("step-"))
                    .map(n -> Long.parseLong(n.substring(5))).max(Long::compare);
            return newest.orElse(-1L);
        } catch (NoSuchFileException e) {
            return -1; // the folder was being created while we listed
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
