package dev.contrastive4j.eval;

import dev.contrastive4j.evaluation.EvaluationResult;
import dev.contrastive4j.evaluation.Evaluator;
import dev.contrastive4j.evaluation.Metrics;
import dev.contrastive4j.evaluation.TextEmbedder;
import dev.contrastive4j.prompts.ColumnPrompts;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.ScoredPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How well the model's similarity of two texts follows gold similarity scores.
 *
 * <p>For every {@link Similarity} (cosine, dot product, negative euclidean and negative manhattan
 * distance) it computes the similarity of each pair's two embeddings and reports Pearson's r and
 * Spearman's ρ (average ranks for ties) against the gold scores, as {@code similarity.pearson_<sim>} and
 * {@code similarity.spearman_<sim>} ({@link Metrics#SIMILARITY}). This is sentence-transformers'
 * {@code EmbeddingSimilarityEvaluator}; the usual headline number is {@value Metrics#SIMILARITY_SPEARMAN_COSINE}.
 *
 * <p>A correlation is {@code NaN} when either series is constant (for instance all gold scores equal).
 * Every distinct text is embedded once, in batches of {@code batchSize}.
 */
public final class EmbeddingSimilarityEvaluator implements Evaluator {

    /** The name used when none is given. */
    public static final String DEFAULT_NAME = "similarity";
    /** The number of texts per embedder call when none is given. */
    public static final int DEFAULT_BATCH_SIZE = 32;

    private final String name;
    private final List<ScoredPair> pairs;
    private final int batchSize;

    /** An evaluator named {@value #DEFAULT_NAME} with batches of {@value #DEFAULT_BATCH_SIZE}. */
    public EmbeddingSimilarityEvaluator(List<ScoredPair> pairs) {
        this(DEFAULT_NAME, pairs, DEFAULT_BATCH_SIZE);
    }

    /**
     * @param name the name that labels the results
     * @param pairs the held-out scored pairs, at least two (a correlation needs two points)
     * @param batchSize texts per embedder call
     * @throws ContrastiveException if there are fewer than two pairs
     */
    public EmbeddingSimilarityEvaluator(String name, List<ScoredPair> pairs, int batchSize) {
        this.name = EvaluatorNames.require(name);
        this.pairs = List.copyOf(pairs);
        this.batchSize = BatchEmbedding.requirePositive(batchSize);
        if (this.pairs.size() < 2) {
            throw new ContrastiveException("similarity evaluator '" + name
                    + "': expected at least two scored pairs to correlate, found " + this.pairs.size());
        }
    }

    @Override
    public String name() {
        return name;
    }

    /** This evaluator on its pairs with the sentence1 and sentence2 prompts applied. */
    @Override
    public EmbeddingSimilarityEvaluator withPrompts(ColumnPrompts prompts) {
        return prompts.isEmpty() ? this : new EmbeddingSimilarityEvaluator(name, prompts.applyAll(pairs), batchSize);
    }

    @Override
    public EvaluationResult evaluate(TextEmbedder embedder) {
        List<String> texts = new ArrayList<>(pairs.size() * 2);
        double[] gold = new double[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            texts.add(pairs.get(i).sentence1());
            texts.add(pairs.get(i).sentence2());
            gold[i] = pairs.get(i).score();
        }
        Map<String, float[]> embeddings = BatchEmbedding.embedDistinct(embedder, texts, batchSize);

        EvaluationResult.Builder result = EvaluationResult.builder(name);
        for (Similarity similarity : Similarity.values()) {
            double[] predicted = new double[pairs.size()];
            for (int i = 0; i < pairs.size(); i++) {
                predicted[i] = similarity.between(embeddings.get(pairs.get(i).sentence1()),
                        embeddings.get(pairs.get(i).sentence2()));
            }
            result.put(pearsonName(similarity), Correlation.pearson(gold, predicted));
            result.put(spearmanName(similarity), Correlation.spearman(gold, predicted));
        }
        return result.build();
    }

    private static String pearsonName(Similarity similarity) {
        return switch (similarity) {
            case COSINE -> Metrics.SIMILARITY_PEARSON_COSINE;
            case DOT -> Metrics.SIMILARITY_PEARSON_DOT;
            case EUCLIDEAN -> Metrics.SIMILARITY_PEARSON_EUCLIDEAN;
            case MANHATTAN -> Metrics.SIMILARITY_PEARSON_MANHATTAN;
        };
    }

    private static String spearmanName(Similarity similarity) {
        return switch (similarity) {
            case COSINE -> Metrics.SIMILARITY_SPEARMAN_COSINE;
            case DOT -> Metrics.SIMILARITY_SPEARMAN_DOT;
            case EUCLIDEAN -> Metrics.SIMILARITY_SPEARMAN_EUCLIDEAN;
            case MANHATTAN -> Metrics.SIMILARITY_SPEARMAN_MANHATTAN;
        };
    }
}
