package dev.contrastive4j.converters;

import ai.djl.ndarray.NDArray;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.Converter;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.EmbeddedBatch;
import dev.contrastive4j.spi.Example;
import dev.contrastive4j.spi.ScoredPair;
import dev.contrastive4j.spi.Triplet;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns each triplet {@code (q, p, n_1 … n_k)} into {@code k + 1} scored pairs: {@code (q, p, positive_score)},
 * then {@code (q, n_1, negative_score)} … {@code (q, n_k, negative_score)}.
 *
 * <p>It keeps which text matches the anchor and which do not, and loses the joint contrast of the triplet: a
 * pair loss on the result compares pairs across the whole batch, not the positive against its own negatives.
 *
 * <p>On embedded columns it builds {@code sentence1} from the anchor rows, each repeated {@code k + 1} times,
 * and {@code sentence2} from the positive and negative rows interleaved triplet by triplet (see
 * {@link TripletRows} for the order), by NDArray stacking, so no text is embedded twice and gradients reach
 * every original column. The scores are a float32 vector on the anchors' manager.
 */
public final class TripletToScoredPairs implements Converter {

    /** The converter's name. */
    public static final String NAME = "triplet-to-scored-pairs";

    private final double positiveScore;
    private final double negativeScore;

    /**
     * @param positiveScore the gold score of (anchor, positive) pairs, in [0, 1]
     * @param negativeScore the gold score of (anchor, negative) pairs, in [0, 1], below {@code positiveScore}
     * @throws ContrastiveException if a score is outside [0, 1] or the positive score is not above the negative
     */
    public TripletToScoredPairs(double positiveScore, double negativeScore) {
        requireScore("positive_score", positiveScore);
        requireScore("negative_score", negativeScore);
        if (!(positiveScore > negativeScore)) {
            throw new ContrastiveException("converter '" + NAME + "': positive_score (" + positiveScore
                    + ") must be greater than negative_score (" + negativeScore
                    + "), or the pairs would teach that negatives match better");
        }
        this.positiveScore = positiveScore;
        this.negativeScore = negativeScore;
    }

    private static void requireScore(String name, double score) {
        if (!(score >= 0.0 && score <= 1.0)) {
            throw new ContrastiveException("converter '" + NAME + "': " + name + " must be in [0, 1], got " + score);
        }
    }

    /** The score given to (anchor, positive) pairs. */
    public double positiveScore() {
        return positiveScore;
    }

    /** The score given to (anchor, negative) pairs. */
    public double negativeScore() {
        return negativeScore;
    }

    @Override
    public List<Example> convert(Example row) {
        Triplet triplet = TripletRows.require(row, NAME);
        List<Example> pairs = new ArrayList<>(1 + triplet.negatives().size());
        pairs.add(new ScoredPair(triplet.anchor(), triplet.positive(), positiveScore));
        for (String negative : triplet.negatives()) {
            pairs.add(new ScoredPair(triplet.anchor(), negative, negativeScore));
        }
        return pairs;
    }

    @Override
    public EmbeddedBatch convert(EmbeddedBatch batch) {
        TripletRows.require(batch, NAME);
        int candidates = 1 + batch.negativeCount();
        NDArray sentence1 = TripletRows.repeatedAnchors(batch, candidates);
        NDArray sentence2 = TripletRows.interleavedCandidates(batch);
        NDArray scores = batch.column(0).getManager().create(scores((int) batch.size(), candidates));
        return new EmbeddedBatch(DataFormat.SCORED_PAIR, List.of(sentence1, sentence2), scores);
    }

    /** positive, negative × k, repeated once per triplet: the row order of {@link TripletRows}. */
    private float[] scores(int triplets, int candidates) {
        float[] scores = new float[triplets * candidates];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = (float) (i % candidates == 0 ? positiveScore : negativeScore);
        }
        return scores;
    }
}
