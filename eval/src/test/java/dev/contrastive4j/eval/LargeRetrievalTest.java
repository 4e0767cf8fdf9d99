package dev.contrastive4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.contrastive4j.evaluation.EvaluationResult;
import dev.contrastive4j.evaluation.Metrics;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 1,000 queries against 100,000 random 64-dimensional documents: the search must stay exact while never
 * holding the 1,000 × 100,000 score matrix (400 MB as floats, 800 MB as doubles).
 * {@link RetrievalBenchmark} measures time and peak heap on the same task.
 */
class LargeRetrievalTest {

    private static final int CORPUS = 100_000;
    private static final int QUERIES = 1_000;
    private static final int DIMENSION = 64;
    private static final long FULL_MATRIX_FLOAT_BYTES = 4L * CORPUS * QUERIES;

    private static RandomRetrievalFixture fixture;
    private static final List<int[]> BLOCKS = new ArrayList<>();
    private static List<QueryRanking> rankings;
    private static long allocatedBytes;

    @BeforeAll
    static void retrieve() {
        fixture = new RandomRetrievalFixture(CORPUS, QUERIES, DIMENSION, 42);
        InformationRetrievalEvaluator evaluator = InformationRetrievalEvaluator.builder(fixture.dataset)
                .scoreBlockObserver((rows, columns) -> BLOCKS.add(new int[] {rows, columns}))
                .build();
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        rankings = evaluator.retrieve(fixture);
        allocatedBytes = threads.getCurrentThreadAllocatedBytes() - before;
    }

    @Test
    void largestScoreBlockIsOneQueryChunkByOneCorpusChunk() {
        int rows = InformationRetrievalEvaluator.DEFAULT_QUERY_CHUNK_SIZE;
        int columns = InformationRetrievalEvaluator.DEFAULT_CORPUS_CHUNK_SIZE;
        assertThat(BLOCKS).hasSize(1);
        assertThat(BLOCKS.get(0)).containsExactly(rows, columns);
        long cells = (long) rows * columns;
        assertThat(cells * 70).isLessThan((long) QUERIES * CORPUS); // 1.28 M of 100 M scores
    }

    @Test
    void allocatesFarLessThanTheFullScoreMatrixInTotal() {
        // Everything the search allocated, garbage included, over the whole run: score block (10 MB),
        // heaps, per-chunk bookkeeping and the rankings. Were the full matrix ever built, even as floats,
        // this alone would exceed 400 MB.
        assertThat(allocatedBytes).isLessThan(FULL_MATRIX_FLOAT_BYTES / 10);
    }

    @Test
    void topTenMatchesBruteForceOnASampleOfQueries() {
        for (int q = 0; q < QUERIES; q += 50) {
            float[] query = fixture.queryVectors[q];
            double[] scores = new double[CORPUS];
            for (int d = 0; d < CORPUS; d++) {
                scores[d] = cosineByDefinition(query, fixture.corpusVectors[d]);
            }
            int[] expected = bestTen(scores);
            List<RetrievedDocument> hits = rankings.get(q).hits();
            assertThat(rankings.get(q).queryId()).isEqualTo("q" + q);
            for (int rank = 0; rank < 10; rank++) {
                assertThat(hits.get(rank).corpusId()).as("query %d rank %d", q, rank + 1)
                        .isEqualTo("d" + expected[rank]);
                assertThat(hits.get(rank).score()).isCloseTo(scores[expected[rank]], within(1e-12));
            }
        }
    }

    @Test
    void everyQueryGetsTheFullRankingDepth() {
        assertThat(rankings).hasSize(QUERIES);
        assertThat(rankings).allSatisfy(ranking ->
                assertThat(ranking.hits()).hasSize(InformationRetrievalEvaluator.RANKING_DEPTH));
    }

    @Test
    void metricsOfRandomVectorsAreNearChance() {
        // One relevant document in 100,000 at a random position: recall@10 is about 1e-4 per query.
        EvaluationResult result = RetrievalMetrics.compute("ir", rankings, fixture.dataset.relevantDocuments());
        assertThat(result.metric(Metrics.IR_RECALL_AT_10)).isLessThan(0.01);
    }

    private static double cosineByDefinition(float[] a, float[] b) {
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            normA += (double) a[i] * a[i];
            normB += (double) b[i] * b[i];
        }
        return dot / (Math.sqrt(normA) * Math.sqrt(normB));
    }

    /** Ten passes of "highest remaining score, lowest index among equals". */
    private static int[] bestTen(double[] scores) {
        int[] best = new int[10];
        boolean[] taken = new boolean[scores.length];
        for (int rank = 0; rank < 10; rank++) {
            int top = -1;
            for (int d = 0; d < scores.length; d++) {
                if (!taken[d] && (top < 0 || scores[d] > scores[top])) {
                    top = d;
                }
            }
            taken[top] = true;
            best[rank] = top;
        }
        return best;
    }
}
