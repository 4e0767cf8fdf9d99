package dev.contrastive4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.encoder.TinyBert;
import dev.contrastive4j.eval.EvaluationReport;
import dev.contrastive4j.evaluation.EvaluationResult;
import dev.contrastive4j.evaluation.Metrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code c4j evaluate} with a tiny random model saved to a folder. Its embeddings are arbitrary, so the data
 * is built where the answer does not depend on them: a positive that is its anchor's own text has cosine 1,
 * above any other text, so every triplet is right and every query finds its document first.
 */
class EvaluateCommandTest {

    @TempDir
    static Path modelFolder;

    @TempDir
    Path dir;

    @BeforeAll
    static void saveTinyModel() {
        try (SentenceEncoder encoder = TinyBert.create(1)) {
            encoder.save(modelFolder);
        }
    }

    private static CliRun evaluate(String... args) {
        List<String> all = new ArrayList<>(List.of("evaluate", "--model", modelFolder.toString()));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    private Path triplets() throws IOException {
        return Files.writeString(dir.resolve("triplets.jsonl"), """
                {"anchor": "the cat sat", "positive": "the cat sat", "negative": "a dog ran"}
                {"anchor": "a red house", "positive": "a red house", "negative": "the cat sat"}
                {"anchor": "big blue car", "positive": "big blue car", "negative": "a red house"}
                """);
    }

    private Path beirFolder() throws IOException {
        Path beir = Files.createDirectories(dir.resolve("beir"));
        Files.writeString(beir.resolve("corpus.jsonl"), """
                {"_id": "d1", "text": "the cat sat"}
                {"_id": "d2", "text": "a dog ran"}
                {"_id": "d3", "text": "a red house"}
                """);
        Files.writeString(beir.resolve("queries.jsonl"), """
                {"_id": "q1", "text": "a dog ran"}
                {"_id": "q2", "text": "the cat sat"}
                """);
        Files.writeString(beir.resolve("qrels.tsv"), "query-id\tcorpus-id\tscore\nq1\td2\t1\nq2\td1\t1\n");
        return beir;
    }

    @Test
    void tripletsGiveTripletAccuracyAndRetrievalMetrics() throws IOException {
        CliRun run = evaluate("--eval", triplets().toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Evaluator: triplet", "Evaluator: ir", "Model: " + modelFolder);
        assertThat(run.out()).contains(Metrics.TRIPLET.toArray(String[]::new));
        assertThat(run.out()).contains(Metrics.INFORMATION_RETRIEVAL.toArray(String[]::new));
        assertThat(run.out()).containsPattern("triplet\\.cosine_accuracy +1\\.0000")
                .containsPattern("ir\\.mrr@10 +1\\.0000");
    }

    @Test
    void jsonOutputHoldsModelDataTimeAndResultsThatRoundTrip() throws IOException {
        Path triplets = triplets();
        Path output = dir.resolve("out/results.json");

        CliRun run = evaluate("--eval", triplets.toString(), "--output", output.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Wrote " + output);
        JsonNode json = new ObjectMapper().readTree(output.toFile());
        assertThat(json.get("model").textValue()).isEqualTo(modelFolder.toString());
        assertThat(json.get("data")).extracting(JsonNode::textValue).containsExactly(triplets.toString());
        assertThat(json.get("timestamp").textValue()).isNotBlank();
        assertThat(json.get("seconds").doubleValue()).isPositive();
        EvaluationResult triplet = EvaluationResult.fromJson(json.get("results").get(0).toString(), "results[0]");
        assertThat(triplet.evaluator()).isEqualTo("triplet");
        assertThat(triplet.metrics().keySet()).containsExactlyElementsOf(Metrics.TRIPLET);
        assertThat(triplet.metric(Metrics.TRIPLET_COSINE_ACCURACY)).isEqualTo(1.0);
        EvaluationResult ir = EvaluationResult.fromJson(json.get("results").get(1).toString(), "results[1]");
        assertThat(ir.metrics().keySet()).containsExactlyElementsOf(Metrics.INFORMATION_RETRIEVAL);
        // the table and the file say the same
        assertThat(run.out()).contains(EvaluationReport.read(output).toTable());
    }

    @Test
    void scoredPairsGiveCorrelations() throws IOException {
        // cosine 1 for the identical pair, less for the other: both correlations with 1.0, 0.0 are 1
        Path file = Files.writeString(dir.resolve("scored.csv"),
                "sentence1,sentence2,score\nthe cat sat,the cat sat,1.0\nthe cat sat,a dog ran,0.0\n");

        CliRun run = evaluate("--eval", file.toString(), "--output", dir.resolve("r.json").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Evaluator: similarity").contains(Metrics.SIMILARITY.toArray(String[]::new));
        EvaluationResult similarity = EvaluationReport.read(dir.resolve("r.json")).results().get(0);
        assertThat(similarity.metric(Metrics.SIMILARITY_SPEARMAN_COSINE)).isCloseTo(1.0, within(1e-9));
        assertThat(similarity.metric(Metrics.SIMILARITY_PEARSON_COSINE)).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void pairsGiveRetrievalAmongAllPositives() throws IOException {
        Path file = Files.writeString(dir.resolve("pairs.tsv"),
                "anchor\tpositive\nthe cat sat\tthe cat sat\na dog ran\ta dog ran\na red house\ta red house\n");

        CliRun run = evaluate("--eval", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Evaluator: ir").doesNotContain("Evaluator: triplet")
                .containsPattern("ir\\.accuracy@1 +1\\.0000");
    }

    @Test
    void aBeirFolderOrItsThreeFilesGiveRetrieval() throws IOException {
        Path beir = beirFolder();

        CliRun folder = evaluate("--beir", beir.toString());
        CliRun files = evaluate("--corpus", beir.resolve("corpus.jsonl").toString(),
                "--queries", beir.resolve("queries.jsonl").toString(), "--qrels", beir.resolve("qrels.tsv").toString());

        assertThat(folder.exitCode()).as(folder.err()).isZero();
        assertThat(folder.out()).contains("Evaluator: ir").containsPattern("ir\\.mrr@10 +1\\.0000");
        assertThat(files.exitCode()).as(files.err()).isZero();
        assertThat(tables(files)).isEqualTo(tables(folder));
    }

    @Test
    void aDataFileAndBeirFilesAreEvaluatedSideBySide() throws IOException {
        CliRun run = evaluate("--eval", triplets().toString(), "--beir", beirFolder().toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Evaluator: triplet", "Evaluator: ir", "Evaluator: beir-ir");
    }

    @Test
    void aMissingDataFileIsAUserError() {
        CliRun run = evaluate("--eval", dir.resolve("nope.jsonl").toString());

        assertUserError(run, "data file not found: " + dir.resolve("nope.jsonl"));
    }

    @Test
    void aBadRowIsAUserErrorNamingFileAndLine() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.jsonl"), """
                {"anchor": "the cat sat", "positive": "a dog ran", "negative": "a red house"}
                {"anchor": "the cat sat", "positive": "", "negative": "a red house"}
                """);

        CliRun run = evaluate("--eval", file.toString());

        assertUserError(run, file + ":2: column 'positive'");
    }

    @Test
    void anUnknownModelIsAUserError() throws IOException {
        CliRun run = CliRun.of("evaluate", "--model", "no-such-model", "--eval", triplets().toString());

        assertUserError(run, "model 'no-such-model': expected 'minilm', 'bge-small' or the path of a model folder");
    }

    @Test
    void incompleteBeirOptionsAreAUserError() throws IOException {
        CliRun run = evaluate("--queries", beirFolder().resolve("queries.jsonl").toString());

        assertUserError(run, "--queries, --corpus and --qrels go together; found only --queries");
    }

    @Test
    void aBeirFolderWithoutJudgementsIsAUserError() throws IOException {
        Path beir = beirFolder();
        Files.delete(beir.resolve("qrels.tsv"));

        CliRun run = evaluate("--beir", beir.toString());

        assertUserError(run, "expected qrels.tsv or qrels/test.tsv, found neither");
    }

    @Test
    void aBatchSizeBelowOneIsAUserError() throws IOException {
        CliRun run = evaluate("--eval", triplets().toString(), "--batch-size", "0");

        assertUserError(run, "--batch-size must be at least 1, found 0");
    }

    @Test
    void anOutputThatIsAFolderIsAUserError() throws IOException {
        CliRun run = evaluate("--eval", triplets().toString(), "--output", dir.toString());

        assertUserError(run, "--output must name a file, found the folder " + dir);
    }

    @Test
    void truncateDimEvaluatesTheLeadingComponentsAndSaysSo() throws IOException {
        Path json = dir.resolve("truncated.json");
        CliRun run = evaluate("--eval", triplets().toString(), "--truncate-dim", "8", "--output", json.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Model: " + modelFolder + " (truncated to 8 dimensions)");
        assertThat(run.out()).containsPattern("triplet\\.cosine_accuracy +1\\.0000");
        assertThat(Files.readString(json)).contains("(truncated to 8 dimensions)");
    }

    @Test
    void aTruncateDimBeyondTheModelIsAUserError() throws IOException {
        CliRun run = evaluate("--eval", triplets().toString(), "--truncate-dim", "64");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("c4j: error: --truncate-dim 64 is larger than the model's embeddings (32)")
                .doesNotContain("\tat ");
        assertThat(evaluate("--eval", triplets().toString(), "--truncate-dim", "0").err())
                .contains("--truncate-dim must be at least 1, found 0");
    }

    private static void assertUserError(CliRun run, String message) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        List<String> errors = run.err().lines().filter(line -> line.startsWith("c4j: error: ")).toList();
        assertThat(errors).singleElement().asString().contains(message);
        assertThat(run.err()).doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
    }

    /** The output from the first table on: what does not depend on paths and timing. */
    private static String tables(CliRun run) {
        return run.out().substring(run.out().indexOf("Evaluator: "));
    }
}
