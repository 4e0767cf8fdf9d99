package dev.contrastive4j.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contrastive4j.data.Datasets;
import dev.contrastive4j.data.ReadOptions;
import dev.contrastive4j.mining.MiningOptions;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.Example;
import dev.contrastive4j.spi.Pair;
import dev.contrastive4j.spi.Triplet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configurations with training data of their own ({@code train:}) and mined negatives ({@code mine:}): from the same
 * (anchor, positive) pairs, one configuration trains on the pairs alone and one on triplets mined by the base model.
 */
class ComparisonWithOwnDataTest {

    @TempDir
    static Path workspace;
    static CompareFixture fixture;
    static Path pairs;

    @BeforeAll
    static void tinyModelAndData() throws Exception {
        fixture = CompareFixture.create(workspace);
        List<Pair> rows = Datasets.readAll(fixture.train(), ReadOptions.defaults()).stream()
                .map(row -> new Pair(((Triplet) row).anchor(), ((Triplet) row).positive())).toList();
        pairs = workspace.resolve("pairs.jsonl");
        Datasets.write(pairs, rows);
    }

    private static ComparePlan plan(List<CompareConfiguration> configurations) {
        return ComparePlan.builder().model(fixture.model().toString()).train(fixture.train()).test(fixture.test())
                .configurations(configurations).batchSize(8).learningRate(1e-3).curveSize(6).evalSteps(0)
                .saveSteps(0).build();
    }

    @Test
    void pairsAloneAndMinedTripletsTrainFromTheSamePairs() throws Exception {
        MiningOptions threeNegatives = MiningOptions.builder().numNegatives(3).build();
        List<CompareConfiguration> configurations = List.of(
                new CompareConfiguration("curated", "mnrl"),
                new CompareConfiguration("pairs", "mnrl", TrainingOverrides.NONE, Optional.of(pairs), Optional.empty()),
                new CompareConfiguration("mined", "mnrl", TrainingOverrides.NONE, Optional.of(pairs),
                        Optional.of(threeNegatives)));
        Path output = workspace.resolve("own-data");

        ComparisonResult result = Comparison.builder().plan(plan(configurations)).output(output).build().run();

        assertThat(result.records()).extracting(RunRecord::configuration)
                .containsExactly("base", "curated", "pairs", "mined");
        assertThat(result.records()).allSatisfy(record -> assertThat(record.ok()).as(record.reason()).isTrue());
        List<Example> mined = Datasets.readAll(output.resolve("mined").resolve(Comparison.MINED_FILE),
                ReadOptions.defaults());
        assertThat(mined).isNotEmpty().allSatisfy(row -> {
            Triplet triplet = (Triplet) row;
            assertThat(triplet.negatives()).hasSize(3).doesNotContain(triplet.positive(), triplet.anchor());
        });
        // the pairs run trained on pairs (in-batch negatives only), the mined run on the mined triplets
        assertThat(trainedOn(output, "pairs")).isEqualTo("pair");
        assertThat(trainedOn(output, "mined")).isEqualTo("triplet");
        assertThat(trainedOn(output, "curated")).isEqualTo("triplet");
        assertThat(result.records().get(3).metrics()).isNotEqualTo(result.records().get(2).metrics());

        long minedAt = output.resolve("mined").resolve(Comparison.MINED_FILE).toFile().lastModified();
        ComparisonResult resumed = Comparison.builder().plan(plan(configurations)).output(output).resume(true)
                .build().run();
        assertThat(resumed.records()).hasSize(4);
        assertThat(output.resolve("mined").resolve(Comparison.MINED_FILE).toFile().lastModified()).isEqualTo(minedAt);
    }

    /** The format of the rows a run trained on, as its run.json records it. */
    private static String trainedOn(Path output, String configuration) throws IOException {
        return new ObjectMapper().readTree(output.resolve(configuration).resolve("seed-42").resolve("run.json")
                .toFile()).path("train").path("format").asText();
    }

    @Test
    void aMissingOwnTrainingFileIsReportedBeforeTheBaseModelRuns() {
        Path output = workspace.resolve("missing");
        List<CompareConfiguration> configurations = List.of(new CompareConfiguration("pairs", "mnrl",
                TrainingOverrides.NONE, Optional.of(workspace.resolve("no-such.jsonl")), Optional.empty()));
        assertThatThrownBy(() -> Comparison.builder().plan(plan(configurations)).output(output).build().run())
                .isInstanceOf(ContrastiveException.class).hasMessageContaining("no-such.jsonl");
        assertThat(Files.exists(output)).isFalse();
    }

    @Test
    void theConfigFileNamesTheDataAndTheMiningOptions() throws Exception {
        Path file = workspace.resolve("compare.yaml");
        Files.writeString(file, """
                configurations:
                  - name: mined
                    loss: mnrl
                    train: pairs.jsonl
                    mine:
                      num_negatives: 2
                      relative_margin: 0.05
                      sampling: random
                      seed: 7
                """);
        CompareConfiguration configuration = CompareConfigFile.read(file).configurations().get(0);
        assertThat(configuration.train()).contains(pairs);
        MiningOptions options = configuration.mining().orElseThrow();
        assertThat(options.numNegatives()).isEqualTo(2);
        assertThat(options.relativeMargin()).hasValue(0.05);
        assertThat(options.seed()).isEqualTo(7);

        Files.writeString(file, """
                configurations:
                  - name: mined
                    loss: mnrl
                    mine:
                      sampling: sometimes
                """);
        assertThatThrownBy(() -> CompareConfigFile.read(file).configurations())
                .hasMessageContaining("configurations[0]").hasMessageContaining("sampling");
    }
}
