package dev.contrastive4j.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrastive4j.encoder.EncoderLoader;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.eval.ItemizedResult;
import dev.contrastive4j.evaluation.TextEmbedder;
import dev.contrastive4j.spi.ContrastiveException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One configuration measured at several sizes ({@code --truncate-dims}): a row {@code name@size} per size, whose
 * metrics are those of the trained model's embeddings cut to that size, measured independently here.
 */
class ComparisonAtTruncatedSizesTest {

    @TempDir
    static Path workspace;
    static CompareFixture fixture;

    @BeforeAll
    static void tinyModelAndData() throws Exception {
        fixture = CompareFixture.create(workspace);
    }

    private static ComparePlan plan(List<Integer> sizes) {
        return ComparePlan.builder().model(fixture.model().toString()).train(fixture.train()).test(fixture.test())
                .configurations("good=mnrl").batchSize(8).learningRate(1e-3).curveSize(6).evalSteps(1).saveSteps(0)
                .truncateDims(sizes).build();
    }

    @Test
    void eachRunIsAlsoMeasuredAtEachSizeAsItsTruncatedEmbeddingsScore() {
        Path output = workspace.resolve("sizes");
        ComparisonResult result = Comparison.builder().plan(plan(List.of(16, 8))).output(output).build().run();

        assertThat(result.records()).extracting(RunRecord::configuration)
                .containsExactly("base", "base@16", "base@8", "good", "good@16", "good@8");
        RunRecord trained = result.records().get(3);
        try (SentenceEncoder model = new EncoderLoader().load(output.resolve(trained.model()).toString(),
                OptionalInt.empty())) {
            TextEmbedder embedder = texts -> model.encode(texts, 32);
            for (int i = 0; i < 2; i++) {
                int size = List.of(16, 8).get(i);
                RunRecord atSize = result.records().get(4 + i);
                assertThat(atSize.metrics()).as("good@" + size)
                        .isEqualTo(metrics(plan(List.of()).test().suite().evaluateItemized(embedder.truncatedTo(size))));
                assertThat(atSize.seed()).isEqualTo(trained.seed());
                assertThat(atSize.steps()).isEqualTo(trained.steps());
            }
            // the sizes really differ from the full model: a truncated row is not the full row relabelled
            assertThat(result.records().get(5).metrics()).isNotEqualTo(trained.metrics());
        }
        assertThat(result.summary().rows()).extracting(ComparisonSummary.Row::name)
                .containsExactly("base", "base@16", "base@8", "good", "good@16", "good@8");
        assertThat(output.resolve("good/seed-42/result@16.json")).isRegularFile();

        List<RunRecord> resumed = Comparison.builder().plan(plan(List.of(16, 8))).output(output).resume(true).build()
                .run().records();
        assertThat(resumed).extracting(RunRecord::configuration)
                .containsExactlyElementsOf(result.records().stream().map(RunRecord::configuration).toList());
        for (int i = 0; i < resumed.size(); i++) {
            assertThat(resumed.get(i).metrics()).isEqualTo(result.records().get(i).metrics());
        }
    }

    @Test
    void aSizeLargerThanTheModelIsRefusedBeforeAnyTraining() {
        Path output = workspace.resolve("too-large");
        assertThatThrownBy(() -> Comparison.builder().plan(plan(List.of(64))).output(output).build().run())
                .isInstanceOf(ContrastiveException.class)
                .hasMessageContaining("--truncate-dims 64 is larger than the model's embeddings (32)");
        assertThat(Files.exists(output)).isFalse();
    }

    @Test
    void sizesMustBePositiveAndDistinct() {
        assertThatThrownBy(() -> plan(List.of(16, 16))).hasMessageContaining("given twice");
        assertThatThrownBy(() -> plan(List.of(0))).hasMessageContaining("must be >= 1");
    }

    private static Map<String, Double> metrics(List<ItemizedResult> results) {
        Map<String, Double> all = new LinkedHashMap<>();
        results.forEach(r -> all.putAll(r.result().metrics()));
        return all;
    }
}
