package dev.contrastive4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.contrastive4j.evaluation.Metrics;
import dev.contrastive4j.spi.Pair;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetrievalDatasetFromPairsTest {

    @Test
    void pairsBecomeDistinctQueriesAndPositivesWithTheirJudgements() {
        RetrievalDataset data = RetrievalDataset.fromPairs(List.of(
                new Pair("capital of france", "paris"),
                new Pair("largest planet", "jupiter"),
                new Pair("capital of france", "paris, on the seine"),
                new Pair("city of light", "paris")));

        assertThat(data.queries()).containsExactly(
                Map.entry("q0", "capital of france"), Map.entry("q1", "largest planet"),
                Map.entry("q2", "city of light"));
        assertThat(data.corpus()).containsExactly(
                new CorpusDocument("d0", "paris"), new CorpusDocument("d1", "jupiter"),
                new CorpusDocument("d2", "paris, on the seine"));
        // a repeated anchor collects its positives; a shared positive is one document relevant to both anchors
        assertThat(data.relevantTo("q0")).containsExactly("d0", "d2");
        assertThat(data.relevantTo("q1")).containsExactly("d1");
        assertThat(data.relevantTo("q2")).containsExactly("d0");
    }

    @Test
    void theOtherAnchorsPositivesAreTheDocumentsToBeat() {
        // q0 = (1, 0): cosine 0.6 with its positive d0 = (0.6, 0.8), -0.6 with d1 = (-0.6, 0.8): rank 1.
        // q1 = (0, 1): cosine 0.8 with both, a tie that corpus order breaks, so d0 first and its own d1 at rank 2.
        // MRR@10 = (1 + 1/2) / 2 = 0.75; accuracy@1 = 1/2; both positives are in the top 10.
        RetrievalDataset data = RetrievalDataset.fromPairs(List.of(new Pair("a0", "p0"), new Pair("a1", "p1")));
        FixedVectors vectors = new FixedVectors()
                .with("a0", 1, 0).with("a1", 0, 1)
                .with("p0", 0.6f, 0.8f).with("p1", -0.6f, 0.8f);

        var result = InformationRetrievalEvaluator.builder(data).build().evaluate(vectors);

        assertThat(result.metric(Metrics.IR_MRR_AT_10)).isCloseTo(0.75, within(1e-12));
        assertThat(result.metric(Metrics.IR_ACCURACY_AT_1)).isCloseTo(0.5, within(1e-12));
        assertThat(result.metric(Metrics.IR_RECALL_AT_10)).isCloseTo(1.0, within(1e-12));
    }
}
