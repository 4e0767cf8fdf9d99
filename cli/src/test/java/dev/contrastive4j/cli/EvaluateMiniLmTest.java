package dev.contrastive4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive4j.data.BundledData;
import dev.contrastive4j.eval.EvaluationReport;
import dev.contrastive4j.evaluation.EvaluationResult;
import dev.contrastive4j.evaluation.Metrics;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real all-MiniLM-L6-v2, untrained, on the bundled WordNet test split: the baseline of every comparison.
 * About 25 s on two busy cores, the one slow test of {@code c4j evaluate}.
 */
class EvaluateMiniLmTest {

    @Test
    void untrainedMiniLmBeatsChanceAndBothFormsOfTheTestSplitRetrieveAlike(@TempDir Path dir) {
        Path output = dir.resolve("minilm.json");

        CliRun run = CliRun.of("evaluate", "--model", "minilm", "--eval", BundledData.wordnetTest().toString(),
                "--beir", BundledData.wordnetTestRetrieval().toString(), "--output", output.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        EvaluationReport report = EvaluationReport.read(output);
        assertThat(report.results()).extracting(EvaluationResult::evaluator).containsExactly("triplet", "ir", "beir-ir");
        // A model that knows nothing puts the positive first half the time.
        assertThat(report.results().get(0).metric(Metrics.TRIPLET_COSINE_ACCURACY)).isGreaterThan(0.6);
        // Ranking 3,267 documents at random, the one relevant document's expected reciprocal rank within the
        // top 10 is (1 + 1/2 + ... + 1/10) / 3267 < 0.001.
        assertThat(report.results().get(1).metric(Metrics.IR_MRR_AT_10)).isGreaterThan(0.1);
        // The BEIR files hold the triplets' collection (same texts, same order, same judgements), so the
        // numbers agree exactly.
        assertThat(report.results().get(2).metrics()).isEqualTo(report.results().get(1).metrics());
    }
}
