package dev.contrastive4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCommandTest {

    @Test
    void listsTheBundledDatasetBuilders() {
        CliRun run = CliRun.of("dataset", "--list");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("wordnet ").contains("WordNet sense triplets");
    }

    @Test
    void buildsTheWordNetSenseTripletsFromTheBundledWordNet(@TempDir Path output) {
        CliRun run = CliRun.of("dataset", "wordnet", "--output", output.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        // The counts the committed data/wordnet-senses/README.md states for WordNet 3.1.
        assertThat(run.out()).contains("train  38,442 rows", "dev    2,253 rows", "test   2,109 rows");
        assertThat(output.resolve("train.jsonl.gz")).isRegularFile();
        assertThat(output.resolve("test-ir/qrels.tsv")).isRegularFile();
    }

    @Test
    void anUnknownDatasetNamesTheAvailableOnes(@TempDir Path output) {
        CliRun run = CliRun.of("dataset", "wordnett", "--output", output.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown dataset 'wordnett'; did you mean 'wordnet'?");
    }
}
