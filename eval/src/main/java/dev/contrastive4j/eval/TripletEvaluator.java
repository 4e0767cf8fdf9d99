package dev.contrastive4j.eval;

import dev.contrastive4j.evaluation.EvaluationResult;
import dev.contrastive4j.evaluation.Metrics;
import dev.contrastive4j.evaluation.TextEmbedder;
import dev.contrastive4j.prompts.ColumnPrompts;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.Triplet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Triplet accuracy: how often the positive is closer to the anchor than the negative.
 *
 * <p>For every triplet and every one of its negatives n<sub>k</sub>, the comparison (a, p, n<sub>k</sub>)
 * is correct when {@code sim(a, p) > sim(a, n_k)} strictly (a tie counts as wrong), i.e. the distance
 * d(a, p) is strictly smaller than d(a, n<sub>k</sub>). The accuracy is correct comparisons over all
 * comparisons, so a row with three negatives weighs three times a row with one. It is reported for each
 * {@link Similarity}:
 * <ul>
 *   <li>{@value Metrics#TRIPLET_COSINE_ACCURACY}, {@value Metrics#TRIPLET_DOT_ACCURACY},</li>
 *   <li>{@value Metrics#TRIPLET_EUCLIDEAN_ACCURACY}, {@value Metrics#TRIPLET_MANHATTAN_ACCURACY}.</li>
 * </ul>
 * This is sentence-transformers' {@code TripletEvaluator} with margin 0, extended to several negatives.
 *
 * <p>Every distinct text is embedded once, in batches of {@code batchSize}.
 */
public final class TripletEvaluator implements ItemizedEvaluator {

    /** The name used when none is given. */
    public static final String DEFAULT_NAME = "triplet";
    /** The number of texts per embedder call when none is given. */
    public static final int DEFAULT_BATCH_SIZE = 32;

    private final String name;
    private final List<Triplet> triplets;
    private final int batchSize;
    private final int comparisons;

    /** An evaluator named {@value #DEFAULT_NAME} with batches of {@value #DEFAULT_BATCH_SIZE}. */
    public TripletEvaluator(List<Triplet> triplets) {
        this(DEFAULT_NAME, triplets, DEFAULT_BATCH_SIZE);
    }

    /**
     * @param name the name that labels the results
     * @param triplets the held-out triplets, at least one
     * @param batchSize texts per embedder call
     * @throws ContrastiveException if there are no triplets
     */
    public TripletEvaluator(String name, List<Triplet> triplets, int batchSize) {
        this.name = EvaluatorNames.require(name);
        this.triplets = List.copyOf(triplets);
        this.batchSize = BatchEmbedding.requirePositive(batchSize);
        if (this.triplets.isEmpty()) {
            throw new ContrastiveException("triplet evaluator '" + name + "': expected at least one triplet, found none");
        }
        this.comparisons = this.triplets.stream().mapToInt(t -> t.negatives().size()).sum();
    }

    @Override
    public String name() {
        return name;
    }

    /** This evaluator on its triplets with the anchor's, positive's and negatives' prompts applied. */
    @Override
    public TripletEvaluator withPrompts(ColumnPrompts prompts) {
        return prompts.isEmpty() ? this : new TripletEvaluator(name, prompts.applyAll(triplets), batchSize);
    }

    /** The number of (anchor, positive, negative) comparisons behind each accuracy. */
    public int comparisons() {
        return comparisons;
    }

    @Override
    public EvaluationResult evaluate(TextEmbedder embedder) {
        return evaluateItemized(embedder).result();
    }

    /**
     * Every metric, and the cosine outcome of each comparison as 1 (the positive wins) or 0, in triplet order
     * and, within a triplet, in the order of its negatives; their mean is
     * {@value Metrics#TRIPLET_COSINE_ACCURACY}.
     */
    @Override
    public ItemizedResult evaluateItemized(TextEmbedder embedder) {
        boolean[][] wins = compare(embedder);
        Similarity[] similarities = Similarity.values();
        EvaluationResult.Builder result = EvaluationResult.builder(name);
        for (int s = 0; s < similarities.length; s++) {
            int correct = 0;
            for (boolean win : wins[s]) {
                correct += win ? 1 : 0;
            }
            result.put(metricName(similarities[s]), (double) correct / comparisons);
        }
        boolean[] cosine = wins[Similarity.COSINE.ordinal()];
        double[] items = new double[cosine.length];
        for (int i = 0; i < cosine.length; i++) {
            items[i] = cosine[i] ? 1 : 0;
        }
        return new ItemizedResult(result.build(), Map.of(Metrics.TRIPLET_COSINE_ACCURACY, items));
    }

    /**
     * Whether the positive is strictly closer than the negative by cosine similarity, per comparison: one
     * entry per negative of each triplet, in triplet order ({@link #comparisons()} entries).
     */
    public boolean[] outcomes(TextEmbedder embedder) {
        return compare(embedder)[Similarity.COSINE.ordinal()];
    }

    /** Per similarity (by ordinal), per comparison: whether the positive wins. */
    private boolean[][] compare(TextEmbedder embedder) {
        List<String> texts = new ArrayList<>();
        for (Triplet triplet : triplets) {
            texts.addAll(triplet.texts());
        }
        Map<String, float[]> embeddings = BatchEmbedding.embedDistinct(embedder, texts, batchSize);

        Similarity[] similarities = Similarity.values();
        boolean[][] wins = new boolean[similarities.length][comparisons];
        int comparison = 0;
        for (Triplet triplet : triplets) {
            float[] anchor = embeddings.get(triplet.anchor());
            float[] positive = embeddings.get(triplet.positive());
            for (int s = 0; s < similarities.length; s++) {
                double positiveSimilarity = similarities[s].between(anchor, positive);
                int k = comparison;
                for (String negative : triplet.negatives()) {
                    wins[s][k++] = positiveSimilarity > similarities[s].between(anchor, embeddings.get(negative));
                }
            }
            comparison += triplet.negatives().size();
        }
        return wins;
    }

    private static String metricName(Similarity similarity) {
        return switch (similarity) {
            case COSINE -> Metrics.TRIPLET_COSINE_ACCURACY;
            case DOT -> Metrics.TRIPLET_DOT_ACCURACY;
            case EUCLIDEAN -> Metrics.TRIPLET_EUCLIDEAN_ACCURACY;
            case MANHATTAN -> Metrics.TRIPLET_MANHATTAN_ACCURACY;
        };
    }
}
