package dev.contrastive4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.contrastive4j.data.ReadOptions;
import dev.contrastive4j.evaluation.EvaluationResult;
import dev.contrastive4j.evaluation.Evaluator;
import dev.contrastive4j.evaluation.Metrics;
import dev.contrastive4j.spi.ContrastiveException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationSuiteTest {

    /*
     * Unit vectors and their cosines, worked out once for every test below:
     *
     *            p1 (0.8, 0.6)  n1 (0.6, 0.8)  p2 (1, 0)  n2 (0.28, 0.96)
     * a1 (1, 0)       0.8            0.6          1.0          0.28
     * a2 (0, 1)       0.6            0.8          0.0          0.96
     */
    private static FixedVectors vectors() {
        return new FixedVectors()
                .with("a1", 1, 0).with("a2", 0, 1)
                .with("p1", 0.8f, 0.6f).with("n1", 0.6f, 0.8f)
                .with("p2", 1, 0).with("n2", 0.28f, 0.96f);
    }

    private static final String TRIPLETS = """
            {"anchor": "a1", "positive": "p1", "negative": "n1"}
            {"anchor": "a2", "positive": "p2", "negative": "n2"}
            """;

    @Test
    void itemizedEvaluationKeepsPerItemValuesAndEmbedsEachTextOnce(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("test.jsonl"), TRIPLETS);
        FixedVectors model = vectors();

        List<ItemizedResult> results = EvaluationSuite.forFile(file, ReadOptions.defaults()).evaluateItemized(model);

        // a1 right, a2 wrong (see tripletsAreEvaluated…); reciprocal ranks 1/2 and 1/4.
        assertThat(results).hasSize(2);
        assertThat(results.get(0).items().get(Metrics.TRIPLET_COSINE_ACCURACY)).containsExactly(1, 0);
        assertThat(results.get(1).items().get(Metrics.IR_MRR_AT_10)).containsExactly(new double[] {0.5, 0.25},
                within(1e-12));
        assertThat(model.embeddedTexts()).hasSize(6).doesNotHaveDuplicates();
    }

    @Test
    void asOneEvaluatorReportsEveryMetricOfTheSuiteAndEmbedsEachTextOnce(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("test.jsonl"), TRIPLETS);
        FixedVectors model = vectors();

        EvaluationResult result = EvaluationSuite.forFile(file, ReadOptions.defaults()).asOneEvaluator("test")
                .evaluate(model);

        assertThat(result.evaluator()).isEqualTo("test");
        assertThat(result.metrics().keySet()).containsExactlyElementsOf(
                java.util.stream.Stream.concat(Metrics.TRIPLET.stream(), Metrics.INFORMATION_RETRIEVAL.stream())
                        .toList());
        assertThat(result.metric(Metrics.TRIPLET_COSINE_ACCURACY)).isCloseTo(0.5, within(1e-12));
        assertThat(result.metric(Metrics.IR_MRR_AT_10)).isCloseTo(0.375, within(1e-12));
        assertThat(model.embeddedTexts()).hasSize(6).doesNotHaveDuplicates();
    }

    @Test
    void renamedEvaluatorsKeepTheirItems(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("test.jsonl"), TRIPLETS);

        List<ItemizedResult> results = EvaluationSuite.forFile(file, ReadOptions.defaults()).withNamePrefix("x-")
                .evaluateItemized(vectors());

        assertThat(results).extracting(r -> r.result().evaluator()).containsExactly("x-triplet", "x-ir");
        assertThat(results.get(1).items()).containsOnlyKeys(Metrics.IR_MRR_AT_10);
    }

    @Test
    void tripletsAreEvaluatedForAccuracyAndForRetrievalAmongAllTheirTexts(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("test.jsonl"), TRIPLETS);

        EvaluationSuite suite = EvaluationSuite.forFile(file, ReadOptions.defaults());
        List<EvaluationResult> results = suite.evaluate(vectors());

        assertThat(suite.evaluators()).extracting(Evaluator::name).containsExactly("triplet", "ir");
        assertThat(suite.sources()).containsExactly(file.toString());
        // a1: p1 0.8 > n1 0.6, right; a2: p2 0.0 < n2 0.96, wrong
        assertThat(results.get(0).metric(Metrics.TRIPLET_COSINE_ACCURACY)).isCloseTo(0.5, within(1e-12));
        // corpus p1, n1, p2, n2. a1 ranks p2, p1, n1, n2: its positive p1 second. a2 ranks n2, n1, p1, p2:
        // its positive p2 fourth. MRR@10 = (1/2 + 1/4) / 2.
        assertThat(results.get(1).evaluator()).isEqualTo("ir");
        assertThat(results.get(1).metric(Metrics.IR_MRR_AT_10)).isCloseTo(0.375, within(1e-12));
    }

    @Test
    void everyTextIsEmbeddedOnceAcrossTheEvaluators(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("test.jsonl"), TRIPLETS);
        FixedVectors model = vectors();

        EvaluationSuite.forFile(file, ReadOptions.defaults()).evaluate(model);

        assertThat(model.embeddedTexts()).containsExactlyInAnyOrder("a1", "p1", "n1", "a2", "p2", "n2");
    }

    @Test
    void pairsAreEvaluatedForRetrievalAmongAllPositives(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("pairs.csv"), "anchor,positive\na1,p1\na2,p2\n");

        EvaluationSuite suite = EvaluationSuite.forFile(file, ReadOptions.defaults());
        EvaluationResult ir = suite.evaluate(vectors()).get(0);

        assertThat(suite.evaluators()).extracting(Evaluator::name).containsExactly("ir");
        // corpus p1, p2. a1 ranks p2 (1.0) over its p1 (0.8); a2 ranks p1 (0.6) over its p2 (0.0): both second.
        assertThat(ir.metric(Metrics.IR_MRR_AT_10)).isCloseTo(0.5, within(1e-12));
        assertThat(ir.metric(Metrics.IR_ACCURACY_AT_1)).isZero();
        assertThat(ir.metric(Metrics.IR_RECALL_AT_5)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void scoredPairsAreEvaluatedForCorrelationWithTheGoldScores(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("scored.tsv"),
                "sentence1\tsentence2\tscore\na1\tp1\t0.9\na1\tn1\t0.5\na2\tp2\t0.1\n");

        EvaluationSuite suite = EvaluationSuite.forFile(file, ReadOptions.defaults());
        EvaluationResult similarity = suite.evaluate(vectors()).get(0);

        assertThat(suite.evaluators()).extracting(Evaluator::name).containsExactly("similarity");
        assertThat(similarity.metrics().keySet()).containsExactlyElementsOf(Metrics.SIMILARITY);
        // cosines 0.8, 0.6, 0.0 fall in the same order as the gold scores 0.9, 0.5, 0.1
        assertThat(similarity.metric(Metrics.SIMILARITY_SPEARMAN_COSINE)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void aBeirFolderMayBeGzippedAndKeepItsJudgementsInQrelsTestTsv(@TempDir Path dir) throws IOException {
        gzip(dir.resolve("corpus.jsonl.gz"), "{\"_id\": \"x\", \"text\": \"p1\"}\n{\"_id\": \"y\", \"text\": \"p2\"}\n");
        Files.writeString(dir.resolve("queries.jsonl"), "{\"_id\": \"1\", \"text\": \"a1\"}\n");
        Files.createDirectories(dir.resolve("qrels"));
        Files.writeString(dir.resolve("qrels/test.tsv"), "query-id\tcorpus-id\tscore\n1\tx\t1\n");

        EvaluationResult ir = EvaluationSuite.forBeirFolder(dir).evaluate(vectors()).get(0);

        // a1 ranks p2 (1.0) above its relevant p1 (0.8)
        assertThat(ir.evaluator()).isEqualTo("ir");
        assertThat(ir.metric(Metrics.IR_MRR_AT_10)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void theTestSplitPairsTripletAccuracyWithRetrievalOnTheBeirFiles(@TempDir Path dir) throws IOException {
        Path triplets = Files.writeString(dir.resolve("test.jsonl"), TRIPLETS);
        Path beir = Files.createDirectories(dir.resolve("test-ir"));
        Files.writeString(beir.resolve("corpus.jsonl"), "{\"_id\": \"x\", \"text\": \"p1\"}\n");
        Files.writeString(beir.resolve("queries.jsonl"), "{\"_id\": \"1\", \"text\": \"a1\"}\n");
        Files.writeString(beir.resolve("qrels.tsv"), "1\tx\t1\n");

        EvaluationSuite suite = EvaluationSuite.forTestSplit(triplets, beir);

        assertThat(suite.evaluators()).extracting(Evaluator::name).containsExactly("triplet", "ir");
        assertThat(suite.sources()).containsExactly(triplets.toString(), beir.toString());
        assertThat(suite.evaluate(vectors()).get(1).metric(Metrics.IR_MRR_AT_10)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void theTestSplitMustBeTriplets(@TempDir Path dir) throws IOException {
        Path pairs = Files.writeString(dir.resolve("pairs.jsonl"), "{\"anchor\": \"a1\", \"positive\": \"p1\"}\n");

        assertThatThrownBy(() -> EvaluationSuite.forTestSplit(pairs, dir))
                .isInstanceOf(ContrastiveException.class)
                .hasMessage(pairs + ": expected triplets (anchor, positive, negative), found pair data");
    }

    @Test
    void aMissingBeirFileIsNamed(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("corpus.jsonl"), "{\"_id\": \"x\", \"text\": \"p1\"}\n");
        Files.writeString(dir.resolve("queries.jsonl"), "{\"_id\": \"1\", \"text\": \"a1\"}\n");

        assertThatThrownBy(() -> EvaluationSuite.forBeirFolder(dir))
                .isInstanceOf(ContrastiveException.class)
                .hasMessage("BEIR folder " + dir + ": expected qrels.tsv or qrels/test.tsv, found neither");
    }

    @Test
    void evaluatorNamesMustBeDistinctUnlessPrefixed(@TempDir Path dir) throws IOException {
        EvaluationSuite pairs = EvaluationSuite.forFile(
                Files.writeString(dir.resolve("pairs.csv"), "anchor,positive\na1,p1\na2,p2\n"), ReadOptions.defaults());

        assertThatThrownBy(() -> pairs.plus(pairs))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two evaluators are named 'ir'");
        EvaluationSuite both = pairs.plus(pairs.withNamePrefix("beir-"));
        assertThat(both.evaluators()).extracting(Evaluator::name).containsExactly("ir", "beir-ir");
        assertThat(both.evaluate(vectors())).extracting(EvaluationResult::evaluator).containsExactly("ir", "beir-ir");
    }

    @Test
    void tooFewScoredPairsToCorrelateIsAnError(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("one.csv"), "sentence1,sentence2,score\na1,p1,0.5\n");

        assertThatThrownBy(() -> EvaluationSuite.forFile(file, ReadOptions.defaults()))
                .isInstanceOf(ContrastiveException.class)
                .hasMessageContaining("expected at least two scored pairs");
    }

    private static void gzip(Path file, String text) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
