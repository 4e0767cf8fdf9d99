package dev.contrastive4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contrastive4j.cli.CliRun;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.encoder.TinyBert;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code bench train} end to end with the tiny random model: one timed step per loss, memory runs at two small
 * batch sizes and the uncached loss at both, each in a child JVM. Checks the shape of the report, not the numbers.
 */
class BenchTrainCommandTest {

    @TempDir
    static Path workspace;
    static Path tinyModel;
    static Path json;
    static CliRun run;

    @BeforeAll
    static void benchmarkTheTinyModel() {
        tinyModel = workspace.resolve("tiny-model");
        try (SentenceEncoder tiny = TinyBert.create(1)) {
            tiny.save(tinyModel);
        }
        json = workspace.resolve("reports/bench-train.json");
        run = bench("--model", tinyModel.toString(), "--threads", "1", "--steps", "1", "--warmup", "0",
                "--batch-size", "4", "--mini-batch-size", "2", "--memory-batch-sizes", "4,8",
                "--memory-mini-batch-size", "4", "--output", json.toString());
    }

    /** The command on its own, without the c4j root or a bench parent: it finds the plugins itself. */
    static CliRun bench(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new BenchTrainCommand());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    @Test
    void tablePrintsThroughputOfBothLossesAndTheirRatio() {
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        // The thread count is the engine's: this test JVM's engine started before the command could set it.
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("Training benchmark: model " + tinyModel)
                .containsPattern("at most 64 tokens per text, [0-9]+ intra-op threads"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("Load average (1, 5, 15 min): "));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("Throughput: batch 4, 0 warm-up + 1 timed steps"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("s/step", "triplets/s", "tokens/text", "padded/text"));
        assertThat(lines).anySatisfy(l -> assertThat(l).matches("  mnrl +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9.]+"));
        assertThat(lines).anySatisfy(l -> assertThat(l)
                .matches("  cmnrl\\(mini_batch_size=2\\) +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9.]+"));
        assertThat(lines).anySatisfy(l -> assertThat(l)
                .matches("  cmnrl / mnrl triplets/s: [0-9.]+ \\(target >= 0\\.60: (met|NOT met)\\)"));
    }

    @Test
    void tablePrintsPeakMemoryOfTheCachedLossByBatchSizeAndTheUncachedOne() {
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("Peak memory: resident set above the baseline"));
        String size = "-?[0-9.]+ (MiB|GiB)";
        for (String row : List.of("cmnrl\\(mini_batch_size=4\\) +4", "cmnrl\\(mini_batch_size=4\\) +8", "mnrl +4",
                "mnrl +8")) {
            assertThat(lines).as(row).anySatisfy(l -> assertThat(l)
                    .matches("  " + row + " +" + size + " +" + size + " +[0-9.]+ +[0-9.]+ +[0-9]+"));
        }
        assertThat(lines).anySatisfy(l -> assertThat(l)
                .matches("  cached loss, batch 8 / batch 4: [0-9.]+ \\(target <= 1\\.50: (met|NOT met)\\)"));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("Results written to " + json);
    }

    @Test
    void jsonFileHoldsTheSetupEveryMeasurementAndBothRatios() throws Exception {
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(json.toFile());

        assertThat(root.get("benchmark").asText()).isEqualTo("train");
        assertThat(root.get("model").asText()).isEqualTo(tinyModel.toString());
        assertThat(root.get("max_seq_length").asInt()).isEqualTo(64);
        assertThat(root.get("threads").get("requested").asInt()).isEqualTo(1);
        assertThat(root.get("threads").has("engine")).isTrue();
        assertThat(root.get("long_texts").asBoolean()).isFalse();
        assertThat(root.get("data").asText()).endsWith("train.jsonl.gz");
        assertThat(root.get("load_average").get("before")).hasSize(3);
        assertThat(root.get("load_average").get("after")).hasSize(3);

        JsonNode throughput = root.get("throughput");
        assertThat(throughput.get("batch_size").asInt()).isEqualTo(4);
        assertThat(names(throughput.get("losses"))).containsExactly("mnrl", "cmnrl(mini_batch_size=2)");
        for (JsonNode loss : throughput.get("losses")) {
            assertThat(loss.get("step_seconds")).hasSize(1);
            assertThat(loss.get("triplets_per_second").asDouble()).isPositive();
            assertThat(loss.get("tokens_per_text").asDouble()).isGreaterThan(2).isLessThanOrEqualTo(64);
            assertThat(loss.get("padded_tokens_per_text").asDouble())
                    .isGreaterThanOrEqualTo(loss.get("tokens_per_text").asDouble());
        }
        assertThat(throughput.has("cached_to_plain_ratio")).isTrue();
        assertThat(throughput.get("target_min").asDouble()).isEqualTo(0.6);

        JsonNode memory = root.get("memory");
        assertThat(memory.get("steps").asInt()).isEqualTo(1);
        assertThat(names(memory.get("runs")))
                .containsExactly("cmnrl(mini_batch_size=4)", "cmnrl(mini_batch_size=4)", "mnrl", "mnrl");
        List<Integer> sizes = new ArrayList<>();
        for (JsonNode entry : memory.get("runs")) {
            sizes.add(entry.get("batch_size").asInt());
            assertThat(entry.get("peak_bytes").asLong()).isPositive();
            assertThat(entry.get("peak_above_baseline_bytes").asLong())
                    .isEqualTo(entry.get("peak_bytes").asLong() - entry.get("baseline_bytes").asLong());
            assertThat(entry.get("peak_was_reset").asBoolean()).isTrue();
            assertThat(entry.get("longest_text_tokens").asInt()).isBetween(3, 64);
        }
        assertThat(sizes).containsExactly(4, 8, 4, 8);
        assertThat(memory.has("cached_ratio")).isTrue();
        assertThat(memory.get("target_max").asDouble()).isEqualTo(1.5);
    }

    @Test
    void optionsThatLeaveNothingToMeasureAreRefusedBeforeAnythingRuns() {
        String[][] cases = {
            {"--skip-memory", "--skip-throughput"},
            {"--steps", "0"},
            {"--batch-size", "1"},
            {"--memory-batch-sizes", "32,1"},
            {"--threads", "0"},
        };
        for (String[] args : cases) {
            CliRun refused = bench(args);
            assertThat(refused.exitCode()).as(String.join(" ", args)).isNotZero();
            assertThat(refused.err()).as(String.join(" ", args)).contains(args[0]);
            assertThat(refused.out()).isEmpty();
        }
    }

    private static List<String> names(JsonNode entries) {
        List<String> names = new ArrayList<>();
        entries.forEach(entry -> names.add(entry.get("loss").asText()));
        return names;
    }
}
