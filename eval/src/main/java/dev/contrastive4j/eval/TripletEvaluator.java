package dev.contrastive4j.eval;

import dev.contrastive4j.evaluation.EvaluationResult;
import dev.contrastive4j.evaluation.Evaluator;
import dev.contrastive4j.evaluation.Metrics;
import dev.contrastive4j.evaluation.TextEmbedder;
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
public final class TripletEvaluator implements Evaluator {

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

    /** The number of (anchor, positive, negative) comparisons behind each accuracy. */
    public int comparisons() {
        return comparisons;
    }

    @Override
    public EvaluationResult evaluate(TextEmbedder embedder) {
        List<String> texts = new ArrayList<>();
        for (Triplet triplet : triplets) {
            texts.addAll(triplet.texts());
        }
        Map<String, float[]> embeddings = BatchEmbedding.embedDistinct(embedder, texts, batchSize);

        Similarity[] similarities = Similarity.values();
        int[] correct = new int[similarities.length];
        for (Triplet triplet : triplets) {
            float[] anchor = embeddings.get(triplet.anchor());
            float[] positive = embeddings.get(triplet.positive());
            for (int s = 0; s < similarities.length; s++) {
                double positiveSimilarity = similarities[s].between(anchor, positive);
                for (String negative : triplet.negatives()) {
                    if (positiveSimilarity > similarities[s].between(anchor, embeddings.get(negative))) {
                        correct[s]++;
                    }
                }
            }
        }

        EvaluationResult.Builder result = EvaluationResult.builder(name);
        for (int s = 0; s < similarities.length; s++) {
            result.put(metricName(similarities[s]), (double) correct[s] / comparisons);
        }
        return result.build();
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
