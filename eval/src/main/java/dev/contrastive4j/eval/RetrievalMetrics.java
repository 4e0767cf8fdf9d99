package dev.contrastive4j.eval;

import dev.contrastive4j.evaluation.EvaluationResult;
import dev.contrastive4j.evaluation.Metrics;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The retrieval measures of sentence-transformers' {@code InformationRetrievalEvaluator}, computed from
 * rankings and binary relevance judgements, averaged over queries.
 *
 * <p>For one query with relevant set R and ranking h<sub>1</sub>, h<sub>2</sub>, … (rel<sub>i</sub> = 1 when
 * h<sub>i</sub> ∈ R, else 0):
 * <ul>
 *   <li>accuracy@k = 1 if some rel<sub>i</sub> = 1 with i ≤ k, else 0;</li>
 *   <li>precision@k = Σ<sub>i≤k</sub> rel<sub>i</sub> / k — divided by k even when fewer than k documents
 *       exist;</li>
 *   <li>recall@k = Σ<sub>i≤k</sub> rel<sub>i</sub> / |R|;</li>
 *   <li>MRR@k = 1 / (rank of the first relevant document) if it is within k, else 0;</li>
 *   <li>NDCG@k = DCG / IDCG with DCG = Σ<sub>i≤k</sub> rel<sub>i</sub> / log<sub>2</sub>(i + 1) and
 *       IDCG = Σ<sub>i≤min(k,|R|)</sub> 1 / log<sub>2</sub>(i + 1) (ranks i from 1);</li>
 *   <li>MAP@k: AP@k = Σ<sub>i≤k, rel<sub>i</sub>=1</sub> precision@i / min(k, |R|).</li>
 * </ul>
 * Every query passed in must have at least one relevant document; the evaluator leaves out the others
 * before ranking, as sentence-transformers does.
 */
final class RetrievalMetrics {

    private static final int[] RECALL_AT = {1, 5, 10};
    private static final int[] ACCURACY_AT = {1, 3, 5, 10};
    private static final int[] PRECISION_AT = {1, 5, 10};
    private static final int MRR_AT = 10;
    private static final int NDCG_AT = 10;
    private static final int MAP_AT = 100;

    /** The deepest rank any measure looks at. */
    static final int DEPTH = MAP_AT;

    private RetrievalMetrics() {
    }

    /**
     * Averages each measure over the rankings.
     *
     * @param evaluator the name to label the result with
     * @param rankings one ranking per query, best first, at least one
     * @param relevant each ranked query's relevant documents (non-empty)
     * @return the measures in the order of {@link Metrics#INFORMATION_RETRIEVAL}
     */
    static EvaluationResult compute(String evaluator, List<QueryRanking> rankings, Map<String, Set<String>> relevant) {
        if (rankings.isEmpty()) {
            throw new IllegalArgumentException("retrieval metrics need at least one ranked query");
        }
        double mrr = 0;
        double ndcg = 0;
        double map = 0;
        double[] recall = new double[RECALL_AT.length];
        double[] accuracy = new double[ACCURACY_AT.length];
        double[] precision = new double[PRECISION_AT.length];
        for (QueryRanking ranking : rankings) {
            Set<String> relevantDocuments = relevant.getOrDefault(ranking.queryId(), Set.of());
            if (relevantDocuments.isEmpty()) {
                throw new IllegalArgumentException("query '" + ranking.queryId() + "' has no relevant document");
            }
            boolean[] hit = new boolean[ranking.hits().size()];
            for (int i = 0; i < hit.length; i++) {
                hit[i] = relevantDocuments.contains(ranking.hits().get(i).corpusId());
            }
            int relevantCount = relevantDocuments.size();
            for (int j = 0; j < RECALL_AT.length; j++) {
                recall[j] += (double) hitsWithin(hit, RECALL_AT[j]) / relevantCount;
            }
            for (int j = 0; j < ACCURACY_AT.length; j++) {
                accuracy[j] += hitsWithin(hit, ACCURACY_AT[j]) > 0 ? 1 : 0;
            }
            for (int j = 0; j < PRECISION_AT.length; j++) {
                precision[j] += (double) hitsWithin(hit, PRECISION_AT[j]) / PRECISION_AT[j];
            }
            mrr += reciprocalRank(hit, MRR_AT);
            ndcg += ndcg(hit, relevantCount, NDCG_AT);
            map += averagePrecision(hit, relevantCount, MAP_AT);
        }
        double queries = rankings.size();
        return EvaluationResult.builder(evaluator)
                .put(Metrics.IR_MRR_AT_10, mrr / queries)
                .put(Metrics.IR_NDCG_AT_10, ndcg / queries)
                .put(Metrics.IR_MAP_AT_100, map / queries)
                .put(Metrics.IR_RECALL_AT_1, recall[0] / queries)
                .put(Metrics.IR_RECALL_AT_5, recall[1] / queries)
                .put(Metrics.IR_RECALL_AT_10, recall[2] / queries)
                .put(Metrics.IR_ACCURACY_AT_1, accuracy[0] / queries)
                .put(Metrics.IR_ACCURACY_AT_3, accuracy[1] / queries)
                .put(Metrics.IR_ACCURACY_AT_5, accuracy[2] / queries)
                .put(Metrics.IR_ACCURACY_AT_10, accuracy[3] / queries)
                .put(Metrics.IR_PRECISION_AT_1, precision[0] / queries)
                .put(Metrics.IR_PRECISION_AT_5, precision[1] / queries)
                .put(Metrics.IR_PRECISION_AT_10, precision[2] / queries)
                .build();
    }

    /**
     * Each query's reciprocal rank of its first relevant document within the top 10 (0 when none is there),
     * in ranking order: the per-query values whose mean is {@link Metrics#IR_MRR_AT_10}.
     */
    static double[] reciprocalRanks(List<QueryRanking> rankings, Map<String, Set<String>> relevant) {
        double[] values = new double[rankings.size()];
        for (int q = 0; q < values.length; q++) {
            QueryRanking ranking = rankings.get(q);
            Set<String> relevantDocuments = relevant.getOrDefault(ranking.queryId(), Set.of());
            boolean[] hit = new boolean[ranking.hits().size()];
            for (int i = 0; i < hit.length; i++) {
                hit[i] = relevantDocuments.contains(ranking.hits().get(i).corpusId());
            }
            values[q] = reciprocalRank(hit, MRR_AT);
        }
        return values;
    }

    private static int hitsWithin(boolean[] hit, int k) {
        int count = 0;
        for (int i = 0; i < Math.min(k, hit.length); i++) {
            if (hit[i]) {
                count++;
            }
        }
        return count;
    }

    private static double reciprocalRank(boolean[] hit, int k) {
        for (int i = 0; i < Math.min(k, hit.length); i++) {
            if (hit[i]) {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }

    private static double ndcg(boolean[] hit, int relevantCount, int k) {
        double dcg = 0;
        for (int i = 0; i < Math.min(k, hit.length); i++) {
            if (hit[i]) {
                dcg += discount(i + 1);
            }
        }
        double idealDcg = 0;
        for (int rank = 1; rank <= Math.min(k, relevantCount); rank++) {
            idealDcg += discount(rank);
        }
        return dcg / idealDcg;
    }

    /** 1 / log2(rank + 1): 1 at rank 1, 0.631 at rank 2, … */
    private static double discount(int rank) {
        return Math.log(2) / Math.log(rank + 1);
    }

    private static double averagePrecision(boolean[] hit, int relevantCount, int k) {
        int found = 0;
        double sum = 0;
        for (int i = 0; i < Math.min(k, hit.length); i++) {
            if (hit[i]) {
                found++;
                sum += (double) found / (i + 1);
            }
        }
        return sum / Math.min(k, relevantCount);
    }
}
