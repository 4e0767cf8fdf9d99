package com.example.marginranking;

import ai.djl.ndarray.NDArray;
import dev.contrastive4j.spi.EmbeddedBatch;
import dev.contrastive4j.spi.EmbeddingLoss;
import dev.contrastive4j.spi.GraphScalars;

/**
 * A hinge on cosine similarities over several negatives: every negative must be at least {@code margin} less
 * similar to its anchor than the anchor's positive is.
 *
 * <p>With unit vectors {@code â = a/‖a‖}, the positive's similarity {@code s⁺ᵢ = âᵢ·p̂ᵢ} and a negative's
 * {@code sᵢₖ = âᵢ·n̂ᵢₖ}, over a batch of B rows with K hard negatives each:
 * <pre>
 *   L = ( Σᵢ Σₖ max(0, m − s⁺ᵢ + sᵢₖ)  +  [in-batch] Σᵢ Σⱼ≠ᵢ max(0, m − s⁺ᵢ + âᵢ·p̂ⱼ) ) / N
 *   N = B·K  +  [in-batch] B·(B − 1)
 * </pre>
 * that is, the mean hinge over every (anchor, negative) pair; with in-batch negatives, the other rows' positives
 * count as negatives too.
 *
 * <h2>Parameters</h2>
 * <ul>
 *   <li>{@code margin} (number ≥ 0, default 0.2): the required gap between the positive's and a negative's
 *       cosine similarity. Cosines lie in [−1, 1], so margins above 2 can never be met.</li>
 *   <li>{@code in_batch_negatives} (boolean, default false): also use every other row's positive as a
 *       negative.</li>
 * </ul>
 *
 * <h2>References</h2>
 * The margin ranking (hinge) loss of Weston et al., "Large Scale Image Annotation: Learning to Rank with Joint
 * Word-Image Embeddings" (2010), here on cosine similarities and averaged over every negative rather than
 * taking the hardest one.
 *
 * <h2>Input</h2>
 * <table>
 *   <caption>Accepted data</caption>
 *   <tr><th>format</th><th>columns</th><th>labels</th></tr>
 *   <tr><td>triplet</td><td>anchor, positive, negative_1 … negative_K (K ≥ 1)</td><td>none</td></tr>
 * </table>
 *
 * <h2>Recommendations</h2>
 * With {@code in_batch_negatives}, a batch must not hold two rows with the same positive: the trainer's
 * no-duplicates batch sampler sees to that.
 *
 * <h2>Related losses</h2>
 * {@code triplet} (one negative, distance-based margin), {@code mnrl} (a softmax over in-batch negatives instead
 * of a hinge).
 *
 * <h2>Usage</h2>
 * <pre>
 * c4j train --loss "0.5*mnrl + 0.5*margin-ranking(margin=0.3)"
 * </pre>
 */
public final class MarginRankingLoss implements EmbeddingLoss {

    private final double margin;
    private final boolean inBatchNegatives;

    /**
     * @param margin the required gap between similarities, ≥ 0
     * @param inBatchNegatives whether the other rows' positives count as negatives
     */
    public MarginRankingLoss(double margin, boolean inBatchNegatives) {
        this.margin = margin;
        this.inBatchNegatives = inBatchNegatives;
    }

    @Override
    public NDArray compute(EmbeddedBatch batch) {
        NDArray anchors = unit(batch.column(0));
        NDArray positives = unit(batch.column(1));
        // s⁺ as a (B, 1) column, so that it broadcasts against (B, 1) and (B, B) similarities alike.
        NDArray positiveSimilarity = anchors.mul(positives).sum(new int[] {1}, true);
        long rows = batch.size();

        NDArray total = null;
        long pairs = 0;
        for (int k = 0; k < batch.negativeCount(); k++) {
            NDArray negativeSimilarity = anchors.mul(unit(batch.column(2 + k))).sum(new int[] {1}, true);
            NDArray hinges = hinge(positiveSimilarity, negativeSimilarity);
            total = total == null ? hinges.sum() : total.add(hinges.sum());
            pairs += rows;
        }
        if (inBatchNegatives && rows > 1) {
            NDArray similarities = anchors.matMul(positives.transpose());
            // The diagonal holds each row's own positive, which is no negative: mask it out.
            NDArray offDiagonal = anchors.getManager().eye((int) rows).neg().add(1f)
                    .toType(similarities.getDataType(), false);
            NDArray hinges = hinge(positiveSimilarity, similarities).mul(offDiagonal);
            total = total.add(hinges.sum());
            pairs += rows * (rows - 1);
        }
        return total.div(GraphScalars.of(total, pairs));
    }

    /** {@code max(0, m − s⁺ + s)}, element-wise, broadcasting {@code s⁺} over the columns of {@code s}. */
    private NDArray hinge(NDArray positiveSimilarity, NDArray negativeSimilarity) {
        return negativeSimilarity.sub(positiveSimilarity).add(margin).maximum(GraphScalars.of(negativeSimilarity, 0));
    }

    /** Rows scaled to unit length; the floor keeps an all-zero row from dividing by zero. */
    private static NDArray unit(NDArray rows) {
        return rows.div(rows.norm(new int[] {1}, true).maximum(GraphScalars.of(rows, 1e-12)));
    }
}
