package dev.contrastive4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contrastive4j.evaluation.EvaluationResult;
import dev.contrastive4j.evaluation.Metrics;
import dev.contrastive4j.spi.ContrastiveException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationReportTest {

    private static final EvaluationReport REPORT = new EvaluationReport("runs/x/final",
            List.of("test.jsonl.gz", "test-ir"), Instant.parse("2025-01-31T12:00:00Z"), 61.5,
            List.of(EvaluationResult.builder("triplet").put(Metrics.TRIPLET_COSINE_ACCURACY, 0.75).build(),
                    EvaluationResult.builder("similarity").put(Metrics.SIMILARITY_PEARSON_COSINE, Double.NaN).build()));

    @Test
    void jsonNamesModelDataTimeAndEachResultInItsOwnLayout() throws IOException {
        JsonNode json = new ObjectMapper().readTree(REPORT.toJson());

        assertThat(json.get("model").textValue()).isEqualTo("runs/x/final");
        assertThat(json.get("data")).extracting(JsonNode::textValue).containsExactly("test.jsonl.gz", "test-ir");
        assertThat(json.get("timestamp").textValue()).isEqualTo("2025-01-31T12:00:00Z");
        assertThat(json.get("seconds").doubleValue()).isEqualTo(61.5);
        EvaluationResult first = EvaluationResult.fromJson(json.get("results").get(0).toString(), "results[0]");
        assertThat(first).isEqualTo(REPORT.results().get(0));
    }

    @Test
    void writeThenReadGivesTheSameReportAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("new-folder/results.json");

        REPORT.write(file);
        REPORT.write(file);
        EvaluationReport read = EvaluationReport.read(file);

        assertThat(read.model()).isEqualTo(REPORT.model());
        assertThat(read.data()).isEqualTo(REPORT.data());
        assertThat(read.timestamp()).isEqualTo(REPORT.timestamp());
        assertThat(read.seconds()).isEqualTo(REPORT.seconds());
        assertThat(read.results().get(0)).isEqualTo(REPORT.results().get(0));
        // NaN travels as null and comes back as NaN
        assertThat(read.results().get(1).metric(Metrics.SIMILARITY_PEARSON_COSINE)).isNaN();
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aFolderIsNoReportFile(@TempDir Path dir) {
        assertThatThrownBy(() -> REPORT.write(dir))
                .isInstanceOf(ContrastiveException.class)
                .hasMessage("evaluation report " + dir + ": expected a file name, found a folder");
    }

    @Test
    void tableHasOneBlockPerEvaluator() {
        assertThat(REPORT.toTable()).isEqualTo(
                REPORT.results().get(0).toTable() + "\n" + REPORT.results().get(1).toTable());
    }

    @Test
    void aReportWithoutTimestampNamesTheField() {
        String json = "{\"model\": \"m\", \"data\": [], \"seconds\": 1, \"results\": []}";

        assertThatThrownBy(() -> EvaluationReport.fromJson(json, "r.json"))
                .isInstanceOf(ContrastiveException.class)
                .hasMessage("r.json: field 'timestamp': expected a string, found nothing");
    }
}
