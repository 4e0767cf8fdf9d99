package dev.contrastive4j.losses.angle;

import ai.djl.ndarray.NDArray;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.EmbeddedBatch;
import dev.contrastive4j.spi.EmbeddingLoss;

/**
 * CoSENT (Cosine Sentence) loss: ranks the pairs of a batch by cosine similarity in the order of their gold
 * scores. Only the order of the gold scores matters, not their values, so the loss asks for what rank
 * correlation (Spearman) measures.
 *
 * <h2>Formula</h2>
 * For a batch of {@code n} scored pairs {@code (u_i, v_i, y_i)} and scale {@code λ}:
 * <pre>
 *   s_i  = λ · cos(u_i, v_i) = λ · u_i·v_i / (‖u_i‖ ‖v_i‖)
 *   loss = log( 1 + Σ_{(i,j) : y_i &lt; y_j} exp(s_i − s_j) )
 * </pre>
 * The sum runs over all ordered pairs of rows of the batch whose gold scores are strictly ordered; rows with
 * equal scores (ties) are not compared. The loss is not averaged: it is one log-sum-exp over the batch, and is
 * 0 when no two scores differ. It is computed stably as a log-sum-exp over the differences and a 0 term.
 * Norms below 1e-12 count as 1e-12, so an all-zero embedding has similarity 0 rather than NaN.
 *
 * <h2>Parameters</h2>
 * <ul>
 *   <li>{@code scale} (number &gt; 0, default 20): {@code λ}, the inverse temperature that multiplies the
 *       similarities before the exponential. Larger values penalise mis-ordered pairs more sharply.</li>
 * </ul>
 *
 * <h2>References</h2>
 * Su Jianlin, "CoSENT: a more efficient sentence vector scheme than Sentence-BERT" (2022),
 * <a href="https://kexue.fm/archives/8847">kexue.fm/archives/8847</a>; sentence-transformers'
 * {@code CoSENTLoss}, whose defaults this class follows.
 *
 * <h2>Requirements</h2>
 * Sentence pairs with gold similarity scores (our {@code scored-pair} format, scores in [0, 1]). A batch needs
 * at least two different scores to give any signal. Triplet data is turned into scored pairs by the
 * {@code triplet-to-scored-pairs} converter of the data-converters module: then every (anchor, positive) pair
 * of the batch is ranked above every (anchor, negative) pair of the batch, not only its own triplet's.
 *
 * <h2>Input</h2>
 * <table>
 *   <caption>Columns and labels</caption>
 *   <tr><th>Texts</th><th>Labels</th></tr>
 *   <tr><td>(sentence1, sentence2) pairs</td><td>gold similarity score in [0, 1]</td></tr>
 * </table>
 *
 * <h2>Recommendations</h2>
 * Use larger batches: the number of compared pairs grows with the square of the batch size. CoSENT gives a
 * stronger training signal than {@link CosineSimilarityLoss} and can replace it in any configuration.
 *
 * <h2>Related losses</h2>
 * <ul>
 *   <li>{@link AnglELoss} is CoSENT with the angle difference in complex space instead of the cosine.</li>
 *   <li>{@link CosineSimilarityLoss} regresses the cosine onto the score instead of ranking pairs.</li>
 * </ul>
 *
 * <h2>Usage</h2>
 * <pre>
 *   c4j train --loss "cosent(scale=20)" --train sts.jsonl --output runs/cosent
 *   c4j train --loss "0.7*angle + 0.3*triplet" --train triplets.jsonl --output runs/angle-triplet
 * </pre>
 */
public final class CoSENTLoss implements EmbeddingLoss {

    /** The loss's canonical name in loss expressions. */
    public static final String NAME = "cosent";
    /** The default of {@code scale}, as in sentence-transformers. */
    public static final double DEFAULT_SCALE = 20.0;

    private final double scale;

    /**
     * @param scale {@code λ}, finite and {@code > 0}
     * @throws ContrastiveException if {@code scale} is not a finite number above 0
     */
    public CoSENTLoss(double scale) {
        this.scale = ScaleParameter.require(NAME, scale);
    }

    /** The inverse temperature {@code λ}. */
    public double scale() {
        return scale;
    }

    @Override
    public NDArray compute(EmbeddedBatch batch) {
        ScoredPairBatches.require(batch, NAME);
        NDArray similarities = PairSimilarity.cosine(batch.column(0), batch.column(1));
        return PairRanking.loss(similarities, batch.scores(), scale);
    }
}
