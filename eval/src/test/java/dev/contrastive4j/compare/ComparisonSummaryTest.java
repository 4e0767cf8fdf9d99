package dev.contrastive4j.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.contrastive4j.eval.PairedBootstrap;
import dev.contrastive4j.evaluation.Metrics;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonSummaryTest {

    static final String ACCURACY = Metrics.TRIPLET_COSINE_ACCURACY;
    static final String MRR = Metrics.IR_MRR_AT_10;
    static final String NDCG = Metrics.IR_NDCG_AT_10;

    /** 0/1 outcomes on 400 items: the first {@code right} are right. */
    static double[] outcomes(int right) {
        double[] values = new double[400];
        Arrays.fill(values, 0, right, 1);
        return values;
    }

    static RunRecord run(String name, Long seed, double accuracy, double ndcg, double[] items, List<CurvePoint> curve) {
        return new RunRecord(name, name.equals("base") ? "" : name, "", seed, RunRecord.Status.OK, null, 20, 3, 10, 5,
                0.5, Map.of(ACCURACY, accuracy, MRR, accuracy / 2, NDCG, ndcg), curve,
                Map.of(ACCURACY, items), name.equals("base") ? null : name + "/seed-" + seed);
    }

    /**
     * base: 200 of 400 right; good: 320 and 300 right over two seeds (accuracy 0.80 and 0.75); flaky: one seed
     * 280 right, one failed; broken: failed.
     */
    static List<RunRecord> records() {
        return List.of(
                run("base", null, 0.5, 0.30, outcomes(200), List.of(point(0, 0.5, 0.25))),
                run("good", 42L, 0.80, 0.40, outcomes(320), List.of(point(2, 0.6, 0.3), point(4, 0.7, 0.4))),
                run("good", 43L, 0.75, 0.44, outcomes(300), List.of(point(2, 0.8, 0.5), point(4, 0.9, 0.6))),
                run("flaky", 42L, 0.70, 0.35, outcomes(280), List.of(point(2, 0.55, 0.3), point(4, 0.6, 0.35))),
                RunRecord.failed("flaky", "flaky", "", 43L, "training diverged at step 2"),
                RunRecord.failed("broken", "nonsense", "", 42L, "unknown loss 'nonsense'"));
    }

    static CurvePoint point(long step, double accuracy, double ndcg) {
        return new CurvePoint(step, Map.of(ACCURACY, accuracy, NDCG, ndcg));
    }

    static ComparisonSummary summary() {
        return ComparisonSummary.of(records(), List.of(ACCURACY, NDCG), PairedBootstrap.withSeed(1));
    }

    @Test
    void seedsAreAggregatedAsMeanAndSampleStandardDeviation() {
        ComparisonSummary.Row good = summary().rows().get(1);

        assertThat(good.name()).isEqualTo("good");
        assertThat(good.runs()).isEqualTo(2);
        assertThat(good.metrics().get(ACCURACY).mean()).isCloseTo(0.775, within(1e-12));
        // sample standard deviation of 0.80 and 0.75: |0.80 - 0.75| / sqrt(2)
        assertThat(good.metrics().get(ACCURACY).std()).isCloseTo(0.05 / Math.sqrt(2), within(1e-12));
        assertThat(good.metrics().get(NDCG).mean()).isCloseTo(0.42, within(1e-12));
        assertThat(good.status()).isEqualTo("ok");
    }

    @Test
    void rowsKeepPlanOrderWithTheBaseModelFirstAndSayWhatFailed() {
        List<ComparisonSummary.Row> rows = summary().rows();

        assertThat(rows).extracting(ComparisonSummary.Row::name).containsExactly("base", "good", "flaky", "broken");
        assertThat(rows.get(0).isBase()).isTrue();
        assertThat(rows.get(2).status()).isEqualTo("1 of 2 seeds failed: training diverged at step 2");
        assertThat(rows.get(2).hasResults()).isTrue();
        assertThat(rows.get(2).metrics().get(ACCURACY).n()).isEqualTo(1);
        assertThat(rows.get(3).status()).isEqualTo("failed: unknown loss 'nonsense'");
        assertThat(rows.get(3).hasResults()).isFalse();
        assertThat(rows.get(3).metrics().get(ACCURACY).n()).isZero();
    }

    @Test
    void everyRowIsComparedWithTheBestByAPairedBootstrapOnItemsAveragedOverSeeds() {
        ComparisonSummary summary = summary();

        // Only the accuracy has per-item values; good has the highest mean.
        assertThat(summary.best()).containsExactly(Map.entry(ACCURACY, "good"));
        ComparisonSummary.Row base = summary.rows().get(0);
        // good's items averaged over seeds: 1 for the first 300, 0.5 for the next 20, else 0 → mean 0.775.
        // base − good = 0.5 − 0.775 = −0.275, far outside noise on 400 items.
        assertThat(base.versusBest().get(ACCURACY).difference()).isCloseTo(-0.275, within(1e-12));
        assertThat(base.versusBest().get(ACCURACY).excludesZero()).isTrue();
        assertThat(summary.rows().get(1).versusBest()).isEmpty();
        // flaky (280 right, one finished seed) − good = 0.70 − 0.775
        assertThat(summary.rows().get(2).versusBest().get(ACCURACY).difference()).isCloseTo(-0.075, within(1e-12));
        assertThat(summary.rows().get(3).versusBest()).isEmpty();
    }

    @Test
    void learningCurvesStartAtTheBaseModelAndAverageSeedsStepByStep() {
        List<CurvePoint> curve = summary().rows().get(1).curve();

        assertThat(curve).extracting(CurvePoint::step).containsExactly(0L, 2L, 4L);
        assertThat(curve.get(0).metrics().get(ACCURACY)).isEqualTo(0.5);
        assertThat(curve.get(1).metrics().get(ACCURACY)).isCloseTo(0.7, within(1e-12));
        assertThat(curve.get(2).metrics().get(ACCURACY)).isCloseTo(0.8, within(1e-12));
        assertThat(curve.get(2).metrics().get(NDCG)).isCloseTo(0.5, within(1e-12));
    }
}
