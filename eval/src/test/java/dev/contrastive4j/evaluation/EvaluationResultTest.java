package dev.contrastive4j.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrastive4j.spi.ContrastiveException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract type lives in core; it is tested here, next to the evaluators that produce it. */
class EvaluationResultTest {

    private static EvaluationResult triplet() {
        return EvaluationResult.builder("triplet")
                .put(Metrics.TRIPLET_COSINE_ACCURACY, 0.75)
                .put(Metrics.TRIPLET_DOT_ACCURACY, 2.0 / 3)
                .put(Metrics.TRIPLET_EUCLIDEAN_ACCURACY, Double.NaN)
                .build();
    }

    @Test
    void keepsMetricsInTheOrderTheyWerePut() {
        assertThat(triplet().metrics().keySet()).containsExactly(
                Metrics.TRIPLET_COSINE_ACCURACY, Metrics.TRIPLET_DOT_ACCURACY, Metrics.TRIPLET_EUCLIDEAN_ACCURACY);
    }

    @Test
    void tablePrintsOneAlignedRowPerMetricWithFourDecimals() {
        assertThat(triplet().toTable()).isEqualTo("""
                Evaluator: triplet
                Metric                           Value
                triplet.cosine_accuracy         0.7500
                triplet.dot_accuracy            0.6667
                triplet.euclidean_accuracy         NaN
                """);
    }

    @Test
    void jsonHasTheEvaluatorAndOrderedMetricsWithNaNAsNull() {
        assertThat(triplet().toJson().replace("\r\n", "\n")).isEqualTo("""
                {
                  "evaluator" : "triplet",
                  "metrics" : {
                    "triplet.cosine_accuracy" : 0.75,
                    "triplet.dot_accuracy" : 0.6666666666666666,
                    "triplet.euclidean_accuracy" : null
                  }
                }""");
    }

    @Test
    void jsonReadsBackToAnEqualResult(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("result.json");
        triplet().writeJson(file);

        EvaluationResult back = EvaluationResult.fromJson(Files.readString(file), file.toString());

        assertThat(back).isEqualTo(triplet());
        assertThat(back.metric(Metrics.TRIPLET_EUCLIDEAN_ACCURACY)).isNaN();
    }

    @Test
    void malformedJsonSaysWhatWasExpected() {
        assertThatThrownBy(() -> EvaluationResult.fromJson("{\"evaluator\": 3, \"metrics\": {}}", "r.json"))
                .isInstanceOf(ContrastiveException.class)
                .hasMessage("r.json: field 'evaluator': expected a string, found number 3");
        assertThatThrownBy(() -> EvaluationResult.fromJson("{\"evaluator\": \"x\"}", "r.json"))
                .isInstanceOf(ContrastiveException.class)
                .hasMessage("r.json: field 'metrics': expected an object, found nothing");
        assertThatThrownBy(() -> EvaluationResult.fromJson("{\"evaluator\": \"x\", \"metrics\": {\"m\": \"high\"}}",
                "r.json"))
                .isInstanceOf(ContrastiveException.class)
                .hasMessage("r.json: metric 'm': expected a number or null, found string \"high\"");
        assertThatThrownBy(() -> EvaluationResult.fromJson("{\"evaluator\": ", "r.json"))
                .isInstanceOf(ContrastiveException.class)
                .hasMessageStartingWith("r.json: expected an evaluation result in JSON, found invalid JSON at line 1");
    }

    @Test
    void unknownMetricListsTheReportedOnes() {
        assertThatThrownBy(() -> triplet().metric(Metrics.IR_NDCG_AT_10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("evaluator 'triplet' reported no metric 'ir.ndcg@10'; it reported triplet.cosine_accuracy,"
                        + " triplet.dot_accuracy, triplet.euclidean_accuracy");
        assertThat(triplet().has(Metrics.TRIPLET_DOT_ACCURACY)).isTrue();
        assertThat(triplet().has(Metrics.TRIPLET_MANHATTAN_ACCURACY)).isFalse();
    }

    @Test
    void aMetricCannotBeAddedTwiceNorTheMapChanged() {
        assertThatThrownBy(() -> EvaluationResult.builder("x").put("m", 1).put("m", 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("metric 'm' was already added to 'x'");
        assertThatThrownBy(() -> triplet().metrics().put("m", 1.0))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> EvaluationResult.builder(" ").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("evaluator name must not be blank, got ' '");
    }
}
