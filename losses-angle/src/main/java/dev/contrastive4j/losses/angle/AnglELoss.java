package dev.contrastive4j.losses.angle;

import ai.djl.ndarray.NDArray;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.EmbeddedBatch;
import dev.contrastive4j.spi.EmbeddingLoss;

/**
 * AnglE (angle-optimised) loss: {@link CoSENTLoss} with the cosine replaced by the normalised angle difference
 * of the two embeddings read as complex vectors. The cosine's gradient vanishes near its top and bottom
 * (where pairs with scores near 1 or 0 sit); optimising the angle difference in complex space avoids those
 * saturated zones.
 *
 * <h2>Formula</h2>
 * Each embedding of even dimension {@code d} is split into a real half and an imaginary half,
 * {@code u = a + i·b} and {@code v = c + i·d} with {@code a, b, c, d} of dimension {@code d/2}. The
 * element-wise complex quotient {@code u_k / v_k} is taken with the squared modulus summed over the whole
 * vector, and normalised by {@code ‖u‖ / ‖v‖} (as sentence-transformers' {@code pairwise_angle_sim} does):
 * <pre>
 *   re_k = (a_k c_k + b_k d_k) / ‖v‖²  ·  ‖v‖ / ‖u‖  =  (a_k c_k + b_k d_k) / (‖u‖ ‖v‖)
 *   im_k = (b_k c_k − a_k d_k) / ‖v‖²  ·  ‖v‖ / ‖u‖  =  (b_k c_k − a_k d_k) / (‖u‖ ‖v‖)
 *   angle(u, v) = | Σ_k re_k + Σ_k im_k |
 * </pre>
 * where {@code ‖u‖² = Σ_k a_k² + b_k²}. Then, for the batch of {@code n} scored pairs {@code (u_i, v_i, y_i)}
 * and scale {@code λ}, exactly as in CoSENT:
 * <pre>
 *   s_i  = λ · angle(u_i, v_i)
 *   loss = log( 1 + Σ_{(i,j) : y_i &lt; y_j} exp(s_i − s_j) )
 * </pre>
 * over all ordered pairs of rows with strictly smaller gold score (ties excluded; not averaged), computed as
 * a stable log-sum-exp with a 0 term. Norms below 1e-12 count as 1e-12.
 *
 * <p><b>Odd dimension.</b> An embedding of odd dimension {@code d} is padded with one zero component before
 * it is split, as current sentence-transformers does: the real half is the first {@code (d+1)/2} components,
 * the imaginary half the remaining {@code (d−1)/2} followed by a zero. No component is dropped and the norms
 * are unchanged, so an odd dimension is accepted, never an error.
 *
 * <h2>Parameters</h2>
 * <ul>
 *   <li>{@code scale} (number &gt; 0, default 20): {@code λ}, the inverse temperature that multiplies the
 *       angle similarities before the exponential.</li>
 * </ul>
 *
 * <h2>References</h2>
 * Xianming Li and Jing Li, "AnglE-optimized Text Embeddings" (2023),
 * <a href="https://arxiv.org/abs/2309.12871">arXiv:2309.12871</a>; sentence-transformers' {@code AnglELoss},
 * whose defaults this class follows.
 *
 * <h2>Requirements</h2>
 * Sentence pairs with gold similarity scores (our {@code scored-pair} format, scores in [0, 1]); only their
 * order matters. A batch needs at least two different scores to give any signal. Triplet data is turned into
 * scored pairs (positive 1, negative 0) by the {@code triplet-to-scored-pairs} converter of the
 * data-converters module, which the trainer picks by itself.
 *
 * <h2>Input</h2>
 * <table>
 *   <caption>Columns and labels</caption>
 *   <tr><th>Texts</th><th>Labels</th></tr>
 *   <tr><td>(sentence1, sentence2) pairs</td><td>gold similarity score in [0, 1]</td></tr>
 * </table>
 *
 * <h2>Recommendations</h2>
 * Use larger batches: the number of compared pairs grows with the square of the batch size. On triplet data,
 * combine it with a loss that keeps the joint contrast of each triplet (the conversion to pairs loses it),
 * for instance {@code 0.7*angle + 0.3*triplet}.
 *
 * <h2>Related losses</h2>
 * <ul>
 *   <li>{@link CoSENTLoss} is the same objective on the cosine similarity.</li>
 *   <li>{@link CosineSimilarityLoss} regresses the cosine onto the score; it gives a weaker signal.</li>
 * </ul>
 *
 * <h2>Usage</h2>
 * <pre>
 *   c4j train --loss "angle" --train sts.jsonl --output runs/angle
 *   c4j train --loss "0.7*angle + 0.3*triplet" --train triplets.jsonl --output runs/angle-triplet
 * </pre>
 */
public final class AnglELoss implements EmbeddingLoss {

    /** The loss's canonical name in loss expressions. */
    public static final String NAME = "angle";
    /** The default of {@code scale}, as in sentence-transformers. */
    public static final double DEFAULT_SCALE = 20.0;

    private final double scale;

    /**
     * @param scale {@code λ}, finite and {@code > 0}
     * @throws ContrastiveException if {@code scale} is not a finite number above 0
     */
    public AnglELoss(double scale) {
        this.scale = ScaleParameter.require(NAME, scale);
    }

    /** The inverse temperature {@code λ}. */
    public double scale() {
        return scale;
    }

    @Override
    public NDArray compute(EmbeddedBatch batch) {
        ScoredPairBatches.require(batch, NAME);
        NDArray similarities = PairSimilarity.angle(batch.column(0), batch.column(1));
        return PairRanking.loss(similarities, batch.scores(), scale);
    }
}
