package dev.contrastive4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contrastive4j.compare.CompareFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path workspace;
    static CompareFixture fixture;

    @BeforeAll
    static void tinyModelAndData() throws Exception {
        fixture = CompareFixture.create(workspace);
    }

    @Test
    void aFailingConfigurationIsReportedInItsRowAndTheOthersStillRun() throws Exception {
        Path output = workspace.resolve("with-a-failure");

        // A scale of 1e30 overflows the gradients in the first update: a failure only running can reveal (a
        // misspelt loss is refused before anything runs).
        CliRun run = CliRun.of(CompareArgs.quick(fixture, output, "--configs",
                "good=mnrl; bad=mnrl(scale=1e30); pairs=0.5*angle + 0.5*triplet(margin=0.5, distance=cosine)"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("bad (seed 42): FAILED: training diverged at step 1");
        for (String file : List.of("report.md", "report.html", "results.csv", "results.json", "compare.json",
                "base/result.json", "good/seed-42/run.json", "good/seed-42/metrics.jsonl", "good/seed-42/result.json",
                "good/seed-42/final/model.safetensors", "pairs/seed-42/final/model.safetensors")) {
            assertThat(output.resolve(file)).as(file).exists();
        }
        assertThat(output.resolve("good/seed-42/checkpoints")).as("a finished run's checkpoints").doesNotExist();

        JsonNode rows = JSON.readTree(output.resolve("results.json").toFile()).get("rows");
        assertThat(rows).extracting(row -> row.get("configuration").asText())
                .containsExactly("base", "good", "bad", "pairs");
        assertThat(rows.get(1).get("status").asText()).isEqualTo("ok");
        assertThat(rows.get(2).get("status").asText()).startsWith("failed: training diverged at step 1");
        assertThat(rows.get(3).get("status").asText()).isEqualTo("ok");
        // 24 rows in batches of 8: 3 updates, evaluated after each, after the base model's point at step 0.
        assertThat(rows.get(1).get("curve")).extracting(point -> point.get("step").asInt()).containsExactly(0, 1, 2, 3);
        assertThat(rows.get(1).get("metrics").get("triplet.cosine_accuracy").get("mean").asDouble()).isBetween(0.0,
                1.0);

        String table = run.out();
        assertThat(table).contains("| base (untrained)", "| good ", "| pairs ", "triplet.cosine_accuracy",
                "ir.mrr@10", "train s", "triplets/s", "failed: training diverged at step 1");
        String markdown = Files.readString(output.resolve("report.md"));
        assertThat(markdown).contains("| bad ", "failed: training diverged at step 1");
        List<String> csv = Files.readAllLines(output.resolve("results.csv"), StandardCharsets.UTF_8);
        assertThat(csv).hasSize(1 + 4); // header, base, three runs
        assertThat(csv.get(0)).startsWith("configuration,loss,overrides,seed,status,reason,seconds,steps,"
                + "training_seconds,rows_per_second,final_loss,triplet.cosine_accuracy,ir.mrr@10");
    }

    @Test
    void resumeSkipsFinishedConfigurationsAndRetriesFailedOnes() throws Exception {
        Path output = workspace.resolve("resumed");
        String[] args = CompareArgs.quick(fixture, output, "--configs", "good=mnrl; bad=mnrl(scale=1e30)");
        assertThat(CliRun.of(args).exitCode()).isZero();
        byte[] finished = Files.readAllBytes(output.resolve("good/seed-42/result.json"));

        List<String> resumed = new ArrayList<>(List.of(args));
        resumed.add("--resume");
        CliRun again = CliRun.of(resumed.toArray(String[]::new));

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.err()).contains("base model: evaluated before, skipped",
                "good (seed 42): finished before, skipped", "bad (seed 42): failed before");
        assertThat(output.resolve("good/seed-42/result.json")).hasBinaryContent(finished);
        assertThat(again.out()).contains("| good ", "failed: training diverged");
    }

    @Test
    void aMisspeltLossIsRefusedBeforeAnythingRuns() {
        Path output = workspace.resolve("misspelt");

        CliRun run = CliRun.of(CompareArgs.quick(fixture, output, "--configs", "good=mnrl; bad=nonsense"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("c4j: error: configuration 'bad': loss expression column 1: unknown"
                + " loss 'nonsense'. Available: angle, cgist, cmnrl, contrastive, cosent, cosine, gist, margin-mse,"
                + " mnrl, online-contrastive, triplet");
        assertThat(output).doesNotExist();
    }

    @Test
    void resumingWithOtherSettingsIsRefused() {
        Path output = workspace.resolve("other-settings");
        assertThat(CliRun.of(CompareArgs.quick(fixture, output, "--configs", "good=mnrl", "--max-steps", "1")).exitCode())
                .isZero();

        CliRun again = CliRun.of(CompareArgs.quick(fixture, output, "--configs", "good=mnrl", "--max-steps", "2", "--resume"));

        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("cannot resume the comparison", "field 'max_steps' was 1", "now 2");
    }

    @Test
    void anOutputFolderThatHoldsAComparisonNeedsResume() {
        Path output = workspace.resolve("twice");
        String[] args = CompareArgs.quick(fixture, output, "--configs", "good=mnrl", "--max-steps", "1");
        assertThat(CliRun.of(args).exitCode()).isZero();

        CliRun again = CliRun.of(args);

        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("already holds a comparison; continue it with --resume");
    }

    @Test
    void aComparisonThatFailsItsChecksInAnExistingFolderLeavesItAsItWasAndTheCorrectedRunGoesAhead()
            throws Exception {
        Path output = Files.createDirectories(workspace.resolve("existing-folder"));
        Files.writeString(output.resolve("notes.txt"), "mine");

        CliRun failed = CliRun.of(CompareArgs.quick(fixture, output, "--configs", "good=mnrl", "--max-steps", "1",
                "--metrics", "ir.ndcg@11"));

        assertThat(failed.exitCode()).as(failed.err()).isEqualTo(2);
        assertThat(failed.err()).contains("ir.ndcg@11");
        try (var entries = Files.list(output)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("notes.txt");
        }
        CliRun corrected = CliRun.of(CompareArgs.quick(fixture, output, "--configs", "good=mnrl", "--max-steps", "1"));
        assertThat(corrected.exitCode()).as(corrected.err()).isZero();
        assertThat(Files.readString(output.resolve("notes.txt"))).isEqualTo("mine");
    }

    @Test
    void aComparisonFolderInUseIsRefused() throws Exception {
        Path output = Files.createDirectories(workspace.resolve("in-use"));
        try (var held = dev.contrastive4j.train.OutputFolderLock.acquire(output, "--output")) {
            CliRun second = CliRun.of(CompareArgs.quick(fixture, output, "--configs", "good=mnrl", "--max-steps", "1"));
            assertThat(second.exitCode()).as(second.err()).isEqualTo(2);
            assertThat(second.err()).contains("is in use by another c4j run");
            try (var entries = Files.list(output)) {
                assertThat(entries.map(p -> p.getFileName().toString()))
                        .containsExactly(dev.contrastive4j.train.OutputFolderLock.FILE_NAME);
            }
        }
    }

    @Test
    void severalSeedsGiveMeanAndStandardDeviationAndOneFolderPerSeed() throws Exception {
        Path output = workspace.resolve("seeds");

        CliRun run = CliRun.of(CompareArgs.quick(fixture, output, "--configs", "good=mnrl", "--seeds", "2"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(output.resolve("good/seed-42/result.json")).exists();
        assertThat(output.resolve("good/seed-43/result.json")).exists();
        JsonNode good = JSON.readTree(output.resolve("results.json").toFile()).get("rows").get(1);
        assertThat(good.get("runs").asInt()).isEqualTo(2);
        assertThat(good.get("metrics").get("ir.mrr@10").get("n").asInt()).isEqualTo(2);
        assertThat(Files.readString(output.resolve("report.md"))).contains(" ± ", "seeds 42, 43");
    }

    @Test
    void aConfigFileNamesTheDataAndConfigurationsWithTheirOwnHyperparameters() throws Exception {
        Path folder = Files.createDirectories(workspace.resolve("from-file"));
        Files.copy(fixture.train(), folder.resolve("train.jsonl"));
        Files.copy(fixture.test(), folder.resolve("test.jsonl"));
        Path config = Files.writeString(folder.resolve("compare.yaml"), """
                model: %s
                train: train.jsonl          # relative to this file
                test: test.jsonl
                curve_size: 4
                batch_size: 8
                lr: 1e-3
                eval_steps: 0
                metrics: [ir.ndcg@10, triplet.cosine_accuracy]
                configurations:
                  - name: short
                    loss: mnrl
                    max_steps: 2
                    lr: 5e-4
                  - name: plain
                    loss: triplet(margin=0.5, distance=cosine)
                """.formatted(fixture.model()));
        Path output = folder.resolve("out");

        CliRun run = CliRun.of("compare", "--config", config.toString(), "--output", output.toString(),
                "--no-progress");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode shortRun = JSON.readTree(output.resolve("short/seed-42/run.json").toFile());
        JsonNode plainRun = JSON.readTree(output.resolve("plain/seed-42/run.json").toFile());
        assertThat(shortRun.get("result").get("steps").asInt()).isEqualTo(2);
        assertThat(shortRun.get("hyperparameters").get("learning_rate").asDouble()).isEqualTo(5e-4);
        assertThat(plainRun.get("result").get("steps").asInt()).isEqualTo(3);
        assertThat(plainRun.get("hyperparameters").get("learning_rate").asDouble()).isEqualTo(1e-3);
        assertThat(plainRun.get("train").get("path").asText()).isEqualTo(folder.resolve("train.jsonl").toString());
        // The file's metrics, in its order, head the table.
        assertThat(run.out().lines().filter(line -> line.startsWith("| configuration")).findFirst().orElseThrow())
                .containsSubsequence("ir.ndcg@10",
                "triplet.cosine_accuracy", "train s");
        assertThat(run.out()).contains("| short ", "mnrl [lr=0.0005, max_steps=2]");
    }

    @Test
    void theCommandLineWinsOverTheConfigFile() throws Exception {
        Path config = Files.writeString(workspace.resolve("override.json"), """
                {"model": "%s", "train": "%s", "test": "%s", "batch_size": 8, "max_steps": 3, "eval_steps": 0,
                 "configurations": [{"name": "from-file", "loss": "mnrl"}]}
                """.formatted(fixture.model(), fixture.train(), fixture.test()));
        Path output = workspace.resolve("override-out");

        CliRun run = CliRun.of("compare", "--config", config.toString(), "--max-steps", "1", "--curve-size", "4",
                "--output", output.toString(), "--no-progress");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(JSON.readTree(output.resolve("from-file/seed-42/run.json").toFile()).get("result").get("steps")
                .asInt()).isEqualTo(1);
    }

    @Test
    void badOptionsAreOneLineUserErrors() throws Exception {
        Path yaml = Files.writeString(workspace.resolve("typo.yaml"), "batch_size: 8\nlearning_rate: 1e-3\n");
        String[][] cases = {
            {"--configs", "a=mnrl; a=triplet"},
            {"--configs", "base=mnrl"},
            {"--configs", "0.5*mnrl + 0.5*angle"},
            {"--seeds", "0"},
            {"--curve-size", "0"},
            {"--metrics", "triplet.cosine_accuracy,ir.nonsense@10"},
            {"--config", yaml.toString()},
            {"--resume"},
        };
        for (String[] extra : cases) {
            List<String> args = new ArrayList<>(List.of("compare", "--model", fixture.model().toString(), "--train",
                    fixture.train().toString(), "--test", fixture.test().toString(), "--no-progress"));
            if (!List.of(extra).contains("--resume")) {
                args.addAll(List.of("--output", workspace.resolve("bad-" + extra[0].substring(2)).toString()));
            }
            args.addAll(List.of(extra));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertThat(run.exitCode()).as(String.join(" ", extra) + ": " + run.err()).isEqualTo(2);
            assertThat(run.err().lines().filter(line -> line.startsWith("c4j: error:")))
                    .as(run.err()).hasSize(1);
        }
    }
}
