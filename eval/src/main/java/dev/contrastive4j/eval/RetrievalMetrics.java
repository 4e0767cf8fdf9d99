package dev.contrastive4j.eval;

import dev.contrastive4j.evaluation.EvaluationResult;
import dev.contrastive4j.evaluation.Metrics;
import java.util.ArrayList;
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
public final class RetrievalMetrics {

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
        List<double[]> values = new ArrayList<>(rankings.size());
        for (QueryRanking ranking : rankings) {
            values.add(perQuery(ranking, relevant.getOrDefault(ranking.queryId(), Set.of())));
        }
        return mean(evaluator, values);
    }

    /**
     * One query's measures, in the order of {@link Metrics#INFORMATION_RETRIEVAL}. Public so that a distributed
     * evaluation ({@code contrastive4j-spark}) computes each query's values where its ranking is, with this code.
     *
     * @param ranking the query's ranking, best first
     * @param relevantDocuments the query's relevant documents (non-empty)
     * @throws IllegalArgumentException if the query has no relevant document
     */
    public static double[] perQuery(QueryRanking ranking, Set<String> relevantDocuments) {
        if (relevantDocuments.isEmpty()) {
            throw new IllegalArgumentException("query '" + ranking.queryId() + "' has no relevant document");
        }
        boolean[] hit = new boolean[ranking.hits().size()];
        for (int i = 0; i < hit.length; i++) {
            hit[i] = relevantDocuments.contains(ranking.hits().get(i).corpusId());
        }
        int relevantCount = relevantDocuments.size();
        double[] values = new double[Metrics.INFORMATION_RETRIEVAL.size()];
        values[0] = reciprocalRank(hit, MRR_AT);
        values[1] = ndcg(hit, relevantCount, NDCG_AT);
        values[2] = averagePrecision(hit, relevantCount, MAP_AT);
        int next = 3;
        for (int k : RECALL_AT) {
            values[next++] = (double) hitsWithin(hit, k) / relevantCount;
        }
        for (int k : ACCURACY_AT) {
            values[next++] = hitsWithin(hit, k) > 0 ? 1 : 0;
        }
        for (int k : PRECISION_AT) {
            values[next++] = (double) hitsWithin(hit, k) / k;
        }
        return values;
    }

    /**
     * The mean of per-query measures ({@link #perQuery}), each summed in the order given, so that the same queries
     * in the same order give the same result wherever their values were computed.
     *
     * @param evaluator the name to label the result with
     * @param perQuery one array per query, at least one
     * @return the measures in the order of {@link Metrics#INFORMATION_RETRIEVAL}
     */
    public static EvaluationResult mean(String evaluator, List<double[]> perQuery) {
        if (perQuery.isEmpty()) {
            throw new IllegalArgumentException("retrieval metrics need at least one ranked query");
        }
        double[] sums = new double[Metrics.INFORMATION_RETRIEVAL.size()];
        for (double[] values : perQuery) {
            for (int m = 0; m < sums.length; m++) {
                sums[m] += values[m];
            }
        }
        EvaluationResult.Builder result = EvaluationResult.builder(evaluator);
        for (int m = 0; m < sums.length; m++) {
            result.put(Metrics.INFORMATION_RETRIEVAL.get(m), sums[m] / perQuery.size());
        }
        return result.build();
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
