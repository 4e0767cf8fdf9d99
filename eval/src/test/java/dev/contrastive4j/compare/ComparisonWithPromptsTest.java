package dev.contrastive4j.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contrastive4j.plugin.PluginRegistry;
import dev.contrastive4j.prompts.Prompts;
import dev.contrastive4j.train.TrainingConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A comparison with {@code --prompts "anchor=pre: "} trains and measures every row (the base model's too) exactly as a
 * comparison without prompts on files whose anchors were written with the prefix.
 */
class ComparisonWithPromptsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path workspace;

    private static Path prefixAnchors(Path file, Path target) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            ObjectNode row = (ObjectNode) JSON.readTree(line);
            row.put("anchor", "pre: " + row.get("anchor").asText());
            lines.add(JSON.writeValueAsString(row));
        }
        return Files.write(target, lines, StandardCharsets.UTF_8);
    }

    private static ComparePlan plan(CompareFixture fixture, Path train, Path test, Prompts prompts) {
        TrainingConfig training = TrainingConfig.defaults().withBatchSize(8).withLearningRate(1e-3).withEvalSteps(1)
                .withSaveSteps(3);
        return new ComparePlan(fixture.model().toString(), OptionalInt.empty(), train, OptionalInt.empty(),
                TestSet.of(test), 6, ComparePlan.DEFAULT_METRICS, 1, training,
                List.of(new CompareConfiguration("mnrl", "mnrl")), List.of(), prompts);
    }

    @Test
    void promptedComparisonEqualsTheComparisonOfPrefixedFiles() throws IOException {
        CompareFixture fixture = CompareFixture.create(workspace);
        Path train = prefixAnchors(fixture.train(), workspace.resolve("train-prefixed.jsonl"));
        Path test = prefixAnchors(fixture.test(), workspace.resolve("test-prefixed.jsonl"));
        PluginRegistry registry = PluginRegistry.discover(getClass().getClassLoader());

        List<RunRecord> prompted = Comparison.builder()
                .plan(plan(fixture, fixture.train(), fixture.test(), Prompts.parse("anchor=pre: ", "--prompts")))
                .output(workspace.resolve("prompted")).registry(registry).build().run().records();
        List<RunRecord> byHand = Comparison.builder().plan(plan(fixture, train, test, Prompts.NONE))
                .output(workspace.resolve("by-hand")).registry(registry).build().run().records();
        List<RunRecord> bare = Comparison.builder()
                .plan(plan(fixture, fixture.train(), fixture.test(), Prompts.NONE))
                .output(workspace.resolve("bare")).registry(registry).build().run().records();

        assertThat(prompted).hasSize(2);
        for (int i = 0; i < prompted.size(); i++) {
            assertThat(prompted.get(i).ok()).as(prompted.get(i).reason()).isTrue();
            assertThat(prompted.get(i).metrics()).as(prompted.get(i).configuration())
                    .isEqualTo(byHand.get(i).metrics());
            assertThat(prompted.get(i).curve()).isEqualTo(byHand.get(i).curve());
        }
        assertThat(prompted.get(0).metrics()).as("the base model's row sees the prompt")
                .isNotEqualTo(bare.get(0).metrics());
        JsonNode saved = JSON.readTree(workspace.resolve("prompted").resolve(Comparison.PLAN_FILE).toFile());
        assertThat(saved.get("prompts").asText()).isEqualTo("anchor=pre: ");
    }
}
