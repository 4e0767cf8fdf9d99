package dev.contrastive4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.contrastive4j.evaluation.EvaluationResult;
import dev.contrastive4j.evaluation.Metrics;
import dev.contrastive4j.spi.ContrastiveException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.util.DoubleComparator;
import org.junit.jupiter.api.Test;

class InformationRetrievalEvaluatorTest {

    /*
     * Corpus, in order, and cosine scores against the two queries that have relevant documents:
     *
     * doc  vector    q1 = (1, 0)   q2 = (0, 1)
     * dA   (1, 0)    1             0
     * dB   (2, 0)    1  (ties dA)  0
     * dC   (1, 1)    0.707         0.707
     * dD   (0, 1)    0             1
     * dE   (-1, 0)   -1            0
     *
     * Rankings (equal scores by corpus order): q1 → dA dB dC dD dE;  q2 → dD dC dA dB dE.
     * Relevant: q1 {dB, dD} → ranks 2 and 4.  q2 {dE, dMissing} → dE at rank 5, dMissing not in the corpus.
     * q3 has an empty set and q4 no entry: both are left out, so averages are over two queries.
     * Only five documents exist, fewer than k = 10: precision@10 still divides by 10.
     */
    private static RetrievalDataset dataset() {
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("q1", "east");
        queries.put("q2", "north");
        queries.put("q3", "north-east");
        queries.put("q4", "nowhere");
        List<CorpusDocument> corpus = List.of(
                new CorpusDocument("dA", "unit east"), new CorpusDocument("dB", "long east"),
                new CorpusDocument("dC", "diagonal"), new CorpusDocument("dD", "unit north"),
                new CorpusDocument("dE", "west"));
        Map<String, Set<String>> relevant = new LinkedHashMap<>();
        relevant.put("q1", Set.of("dB", "dD"));
        relevant.put("q2", Set.of("dE", "dMissing"));
        relevant.put("q3", Set.of());
        return new RetrievalDataset(queries, corpus, relevant);
    }

    private static FixedVectors vectors() {
        return new FixedVectors()
                .with("east", 1, 0).with("north", 0, 1).with("north-east", 1, 1).with("nowhere", 0, 0)
                .with("unit east", 1, 0).with("long east", 2, 0).with("diagonal", 1, 1)
                .with("unit north", 0, 1).with("west", -1, 0);
    }

    @Test
    void rankingBreaksTiesByCorpusOrder() {
        List<QueryRanking> rankings = InformationRetrievalEvaluator.builder(dataset()).build().retrieve(vectors());

        assertThat(rankings).extracting(QueryRanking::queryId).containsExactly("q1", "q2");
        assertThat(rankings.get(0).hits()).extracting(RetrievedDocument::corpusId)
                .containsExactly("dA", "dB", "dC", "dD", "dE");
        assertThat(rankings.get(0).hits()).extracting(RetrievedDocument::score)
                .usingElementComparator(new DoubleComparator(1e-12))
                .containsExactly(1.0, 1.0, Math.sqrt(0.5), 0.0, -1.0);
        assertThat(rankings.get(1).hits()).extracting(RetrievedDocument::corpusId)
                .containsExactly("dD", "dC", "dA", "dB", "dE");
    }

    @Test
    void reciprocalRanksPerEvaluatedQueryAverageToTheMrr() {
        // q1's first relevant document (dB) is at rank 2; q2's (dE) at rank 5. q3 and q4 are left out.
        InformationRetrievalEvaluator evaluator = InformationRetrievalEvaluator.builder(dataset()).build();

        assertThat(evaluator.reciprocalRanks(vectors())).containsExactly(new double[] {1.0 / 2, 1.0 / 5},
                within(1e-12));
        ItemizedResult itemized = evaluator.evaluateItemized(vectors());
        assertThat(itemized.items()).containsOnlyKeys(Metrics.IR_MRR_AT_10);
        assertThat(itemized.items().get(Metrics.IR_MRR_AT_10)).containsExactly(new double[] {0.5, 0.2},
                within(1e-12));
        assertThat(itemized.result()).isEqualTo(evaluator.evaluate(vectors()));
        assertThat(itemized.result().metric(Metrics.IR_MRR_AT_10)).isCloseTo((0.5 + 0.2) / 2, within(1e-12));
    }

    @Test
    void aQueryWhoseRelevantDocumentIsBelowRankTenHasReciprocalRankZero() {
        // Eleven documents; the query's relevant one scores lowest, so it is ranked 11th.
        Map<String, String> queries = Map.of("q", "q");
        List<CorpusDocument> corpus = new ArrayList<>();
        FixedVectors vectors = new FixedVectors().with("q", 1, 0);
        for (int i = 0; i < 11; i++) {
            corpus.add(new CorpusDocument("d" + i, "text " + i));
            vectors.with("text " + i, 1, i); // cosine with (1, 0) falls as i grows
        }
        RetrievalDataset data = new RetrievalDataset(queries, corpus, Map.of("q", Set.of("d10")));

        assertThat(InformationRetrievalEvaluator.builder(data).build().reciprocalRanks(vectors)).containsExactly(0.0);
    }

    @Test
    void everyMetricByHand() {
        InformationRetrievalEvaluator evaluator = InformationRetrievalEvaluator.builder(dataset()).build();
        EvaluationResult result = evaluator.evaluate(vectors());

        double log2of3 = Math.log(3) / Math.log(2);
        double log2of5 = Math.log(5) / Math.log(2);
        double log2of6 = Math.log(6) / Math.log(2);
        double idealDcgForTwo = 1 + 1 / log2of3;   // two relevant documents at ranks 1 and 2
        double q1Ndcg = (1 / log2of3 + 1 / log2of5) / idealDcgForTwo; // hits at ranks 2 and 4
        double q2Ndcg = (1 / log2of6) / idealDcgForTwo;                // hit at rank 5, dMissing counts in the ideal

        assertThat(evaluator.queryCount()).isEqualTo(2);
        assertThat(result.metrics().keySet()).containsExactlyElementsOf(Metrics.INFORMATION_RETRIEVAL);
        assertThat(result.metric(Metrics.IR_MRR_AT_10)).isCloseTo((1.0 / 2 + 1.0 / 5) / 2, within(1e-12));
        assertThat(result.metric(Metrics.IR_NDCG_AT_10)).isCloseTo((q1Ndcg + q2Ndcg) / 2, within(1e-12));
        // AP: q1 (1/2 + 2/4) / min(100, 2) = 0.5; q2 (1/5) / min(100, 2) = 0.1
        assertThat(result.metric(Metrics.IR_MAP_AT_100)).isCloseTo((0.5 + 0.1) / 2, within(1e-12));
        // recall: q1 0/2, 2/2, 2/2; q2 0/2, 1/2, 1/2
        assertThat(result.metric(Metrics.IR_RECALL_AT_1)).isCloseTo(0.0, within(1e-12));
        assertThat(result.metric(Metrics.IR_RECALL_AT_5)).isCloseTo((1 + 0.5) / 2, within(1e-12));
        assertThat(result.metric(Metrics.IR_RECALL_AT_10)).isCloseTo((1 + 0.5) / 2, within(1e-12));
        // accuracy: q1 first hit at rank 2, q2 at rank 5
        assertThat(result.metric(Metrics.IR_ACCURACY_AT_1)).isCloseTo(0.0, within(1e-12));
        assertThat(result.metric(Metrics.IR_ACCURACY_AT_3)).isCloseTo(0.5, within(1e-12));
        assertThat(result.metric(Metrics.IR_ACCURACY_AT_5)).isCloseTo(1.0, within(1e-12));
        assertThat(result.metric(Metrics.IR_ACCURACY_AT_10)).isCloseTo(1.0, within(1e-12));
        // precision: q1 0/1, 2/5, 2/10; q2 0/1, 1/5, 1/10 — over k even though only five documents exist
        assertThat(result.metric(Metrics.IR_PRECISION_AT_1)).isCloseTo(0.0, within(1e-12));
        assertThat(result.metric(Metrics.IR_PRECISION_AT_5)).isCloseTo((0.4 + 0.2) / 2, within(1e-12));
        assertThat(result.metric(Metrics.IR_PRECISION_AT_10)).isCloseTo((0.2 + 0.1) / 2, within(1e-12));
    }

    @Test
    void queriesWithoutRelevantDocumentsAreNeitherEmbeddedNorCounted() {
        FixedVectors vectors = vectors();
        InformationRetrievalEvaluator.builder(dataset()).build().evaluate(vectors);
        assertThat(vectors.embeddedTexts()).doesNotContain("north-east", "nowhere");
    }

    @Test
    void perfectRankingScoresOneEverywhereExceptPrecisionBeyondTheRelevantCount() {
        // One query, one relevant document, which is ranked first: every measure is 1 except
        // precision@5 = 1/5 and precision@10 = 1/10.
        RetrievalDataset single = new RetrievalDataset(Map.of("q", "east"),
                List.of(new CorpusDocument("d1", "unit east"), new CorpusDocument("d2", "west")),
                Map.of("q", Set.of("d1")));
        EvaluationResult result = InformationRetrievalEvaluator.builder(single).build().evaluate(vectors());
        for (String metric : Metrics.INFORMATION_RETRIEVAL) {
            double expected = switch (metric) {
                case Metrics.IR_PRECISION_AT_5 -> 0.2;
                case Metrics.IR_PRECISION_AT_10 -> 0.1;
                default -> 1.0;
            };
            assertThat(result.metric(metric)).as(metric).isCloseTo(expected, within(1e-12));
        }
    }

    @Test
    void mapDividesByTheSmallerOfKAndTheRelevantCount() {
        // 120 documents, all relevant, all with distinct scores: the top 100 are all hits, so
        // AP@100 = (1/1 + 2/2 + … + 100/100) / min(100, 120) = 1, while recall@10 = 10/120.
        List<CorpusDocument> corpus = new ArrayList<>();
        FixedVectors vectors = new FixedVectors().with("q", 1, 0);
        Set<String> all = new java.util.HashSet<>();
        for (int i = 0; i < 120; i++) {
            corpus.add(new CorpusDocument("d" + i, "doc " + i));
            vectors.with("doc " + i, 1, i); // cosine falls as i grows
            all.add("d" + i);
        }
        RetrievalDataset data = new RetrievalDataset(Map.of("q", "q"), corpus, Map.of("q", all));
        InformationRetrievalEvaluator evaluator = InformationRetrievalEvaluator.builder(data).build();

        List<QueryRanking> rankings = evaluator.retrieve(vectors);
        EvaluationResult result = evaluator.evaluate(vectors);

        assertThat(rankings.get(0).hits()).hasSize(InformationRetrievalEvaluator.RANKING_DEPTH);
        assertThat(rankings.get(0).hits().get(0).corpusId()).isEqualTo("d0");
        assertThat(rankings.get(0).hits().get(99).corpusId()).isEqualTo("d99");
        assertThat(result.metric(Metrics.IR_MAP_AT_100)).isCloseTo(1.0, within(1e-12));
        assertThat(result.metric(Metrics.IR_RECALL_AT_10)).isCloseTo(10.0 / 120, within(1e-12));
    }

    @Test
    void dotProductRewardsLongVectors() {
        // Dot scores for q1 = (1, 0): dA 1, dB 2, dC 1, dD 0, dE −1 → dB first; dA and dC tie, dA earlier.
        List<QueryRanking> rankings = InformationRetrievalEvaluator.builder(dataset())
                .scoreFunction(ScoreFunction.DOT).build().retrieve(vectors());
        assertThat(rankings.get(0).hits()).extracting(RetrievedDocument::corpusId)
                .containsExactly("dB", "dA", "dC", "dD", "dE");
        assertThat(rankings.get(0).hits()).extracting(RetrievedDocument::score)
                .containsExactly(2.0, 1.0, 1.0, 0.0, -1.0);
    }

    @Test
    void tinyChunksGiveTheSameResultAndBoundTheScoreBlock() {
        List<int[]> blocks = new ArrayList<>();
        FixedVectors vectors = vectors();
        InformationRetrievalEvaluator chunked = InformationRetrievalEvaluator.builder(dataset())
                .corpusChunkSize(2).queryChunkSize(1).batchSize(1)
                .scoreBlockObserver((rows, columns) -> blocks.add(new int[] {rows, columns}))
                .build();

        EvaluationResult expected = InformationRetrievalEvaluator.builder(dataset()).build().evaluate(vectors());
        assertThat(chunked.evaluate(vectors)).isEqualTo(expected);
        assertThat(blocks).containsExactly(new int[] {1, 2}); // allocated once, reused for every chunk
        assertThat(vectors.batches()).allSatisfy(batch -> assertThat(batch).hasSize(1));
    }

    @Test
    void titleAndTextAreJoinedWithASpace() {
        RetrievalDataset titled = new RetrievalDataset(Map.of("q", "east"),
                List.of(new CorpusDocument("d", "unit", "east")), Map.of("q", Set.of("d")));
        FixedVectors vectors = vectors();
        InformationRetrievalEvaluator.builder(titled).build().evaluate(vectors);
        assertThat(vectors.embeddedTexts()).containsExactly("east", "unit east");
    }

    @Test
    void noQueryWithARelevantDocumentIsAnError() {
        RetrievalDataset none = new RetrievalDataset(Map.of("q", "east"),
                List.of(new CorpusDocument("d", "unit east")), Map.of("q", Set.of()));
        assertThatThrownBy(() -> InformationRetrievalEvaluator.builder(none).name("dev").build())
                .isInstanceOf(ContrastiveException.class)
                .hasMessage("retrieval evaluator 'dev': expected at least one query with a relevant document,"
                        + " found none among 1 queries");
    }

    @Test
    void emptyCorpusIsAnError() {
        RetrievalDataset empty = new RetrievalDataset(Map.of("q", "east"), List.of(), Map.of("q", Set.of("d")));
        assertThatThrownBy(() -> InformationRetrievalEvaluator.builder(empty).build())
                .isInstanceOf(ContrastiveException.class)
                .hasMessage("retrieval evaluator 'ir': expected a corpus, found no documents");
    }
}
