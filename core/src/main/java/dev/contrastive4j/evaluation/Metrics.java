package dev.contrastive4j.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * The names of every metric an evaluator reports: the one place they are spelled, so that results, logs,
 * the command line and reports agree.
 *
 * <h2>Naming scheme</h2>
 * {@code <family>.<measure>}, lower case ASCII, where the family says which evaluator produces it:
 * <ul>
 *   <li>{@code triplet.<similarity>_accuracy}: share of (anchor, positive, negative) comparisons in which
 *       the positive is strictly closer to the anchor than the negative;</li>
 *   <li>{@code similarity.<correlation>_<similarity>}: {@code pearson} or {@code spearman} correlation
 *       between the gold scores and a similarity of the two embeddings;</li>
 *   <li>{@code ir.<measure>@<k>}: a retrieval measure over the top {@code k} documents, averaged over the
 *       queries that have at least one relevant document.</li>
 * </ul>
 * {@code <similarity>} is one of {@code cosine}, {@code dot}, {@code euclidean}, {@code manhattan}; for the
 * last two the similarity is the negated distance. The suffixes follow sentence-transformers'
 * ({@code cosine_accuracy}, {@code spearman_cosine}, {@code ndcg@10}), so numbers can be compared with it
 * side by side.
 */
public final class Metrics {

    /** Triplet accuracy with cosine similarity. */
    public static final String TRIPLET_COSINE_ACCURACY = "triplet.cosine_accuracy";
    /** Triplet accuracy with the dot product. */
    public static final String TRIPLET_DOT_ACCURACY = "triplet.dot_accuracy";
    /** Triplet accuracy with euclidean distance. */
    public static final String TRIPLET_EUCLIDEAN_ACCURACY = "triplet.euclidean_accuracy";
    /** Triplet accuracy with manhattan distance. */
    public static final String TRIPLET_MANHATTAN_ACCURACY = "triplet.manhattan_accuracy";

    /** Pearson correlation of gold scores with cosine similarity. */
    public static final String SIMILARITY_PEARSON_COSINE = "similarity.pearson_cosine";
    /** Spearman correlation of gold scores with cosine similarity. */
    public static final String SIMILARITY_SPEARMAN_COSINE = "similarity.spearman_cosine";
    /** Pearson correlation of gold scores with the dot product. */
    public static final String SIMILARITY_PEARSON_DOT = "similarity.pearson_dot";
    /** Spearman correlation of gold scores with the dot product. */
    public static final String SIMILARITY_SPEARMAN_DOT = "similarity.spearman_dot";
    /** Pearson correlation of gold scores with negative euclidean distance. */
    public static final String SIMILARITY_PEARSON_EUCLIDEAN = "similarity.pearson_euclidean";
    /** Spearman correlation of gold scores with negative euclidean distance. */
    public static final String SIMILARITY_SPEARMAN_EUCLIDEAN = "similarity.spearman_euclidean";
    /** Pearson correlation of gold scores with negative manhattan distance. */
    public static final String SIMILARITY_PEARSON_MANHATTAN = "similarity.pearson_manhattan";
    /** Spearman correlation of gold scores with negative manhattan distance. */
    public static final String SIMILARITY_SPEARMAN_MANHATTAN = "similarity.spearman_manhattan";

    /** Mean reciprocal rank of the first relevant document within the top 10 (0 when none is there). */
    public static final String IR_MRR_AT_10 = "ir.mrr@10";
    /** Normalised discounted cumulative gain over the top 10, binary relevance. */
    public static final String IR_NDCG_AT_10 = "ir.ndcg@10";
    /** Mean average precision over the top 100, divided by min(100, number of relevant documents). */
    public static final String IR_MAP_AT_100 = "ir.map@100";
    /** Share of a query's relevant documents found in the top 1. */
    public static final String IR_RECALL_AT_1 = "ir.recall@1";
    /** Share of a query's relevant documents found in the top 5. */
    public static final String IR_RECALL_AT_5 = "ir.recall@5";
    /** Share of a query's relevant documents found in the top 10. */
    public static final String IR_RECALL_AT_10 = "ir.recall@10";
    /** Share of queries with at least one relevant document at rank 1. */
    public static final String IR_ACCURACY_AT_1 = "ir.accuracy@1";
    /** Share of queries with at least one relevant document in the top 3. */
    public static final String IR_ACCURACY_AT_3 = "ir.accuracy@3";
    /** Share of queries with at least one relevant document in the top 5. */
    public static final String IR_ACCURACY_AT_5 = "ir.accuracy@5";
    /** Share of queries with at least one relevant document in the top 10. */
    public static final String IR_ACCURACY_AT_10 = "ir.accuracy@10";
    /** Relevant documents in the top 1, divided by 1. */
    public static final String IR_PRECISION_AT_1 = "ir.precision@1";
    /** Relevant documents in the top 5, divided by 5 (even when fewer than 5 documents exist). */
    public static final String IR_PRECISION_AT_5 = "ir.precision@5";
    /** Relevant documents in the top 10, divided by 10 (even when fewer than 10 documents exist). */
    public static final String IR_PRECISION_AT_10 = "ir.precision@10";

    /** The triplet evaluator's metrics, in the order it reports them. */
    public static final List<String> TRIPLET = List.of(
            TRIPLET_COSINE_ACCURACY, TRIPLET_DOT_ACCURACY, TRIPLET_EUCLIDEAN_ACCURACY, TRIPLET_MANHATTAN_ACCURACY);

    /** The embedding-similarity evaluator's metrics, in the order it reports them. */
    public static final List<String> SIMILARITY = List.of(
            SIMILARITY_PEARSON_COSINE, SIMILARITY_SPEARMAN_COSINE,
            SIMILARITY_PEARSON_DOT, SIMILARITY_SPEARMAN_DOT,
            SIMILARITY_PEARSON_EUCLIDEAN, SIMILARITY_SPEARMAN_EUCLIDEAN,
            SIMILARITY_PEARSON_MANHATTAN, SIMILARITY_SPEARMAN_MANHATTAN);

    /** The information-retrieval evaluator's metrics, in the order it reports them. */
    public static final List<String> INFORMATION_RETRIEVAL = List.of(
            IR_MRR_AT_10, IR_NDCG_AT_10, IR_MAP_AT_100,
            IR_RECALL_AT_1, IR_RECALL_AT_5, IR_RECALL_AT_10,
            IR_ACCURACY_AT_1, IR_ACCURACY_AT_3, IR_ACCURACY_AT_5, IR_ACCURACY_AT_10,
            IR_PRECISION_AT_1, IR_PRECISION_AT_5, IR_PRECISION_AT_10);

    /** Every metric name above, family by family. */
    public static final List<String> ALL = concat(TRIPLET, SIMILARITY, INFORMATION_RETRIEVAL);

    private Metrics() {
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
        return List.copyOf(all);
    }
}
