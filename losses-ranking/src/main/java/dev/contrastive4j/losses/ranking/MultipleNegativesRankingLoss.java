package dev.contrastive4j.losses.ranking;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.EmbeddedBatch;
import dev.contrastive4j.spi.EmbeddingLoss;
import dev.contrastive4j.spi.GraphScalars;
import java.util.List;
import java.util.Objects;

/**
 * MultipleNegativesRankingLoss (MNRL, also known as InfoNCE or in-batch softmax loss): for each anchor,
 * pick its own positive out of every positive and every hard negative in the batch.
 *
 * <p>Each anchor {@code a_i} is scored against all candidates of the batch: its own positive {@code p_i}, the
 * other rows' positives {@code p_j} (in-batch negatives) and every row's hard negatives. The loss is the
 * cross-entropy of the softmax over those scores with the target at {@code p_i}. It needs no labels, only
 * rows that belong together, and with large batches it is one of the strongest losses for retrieval and
 * semantic search models.
 *
 * <h2>Parameters</h2>
 * <ul>
 *   <li>{@code scale} (number, {@code > 0}, default 20): multiplies the similarities before the softmax
 *       (the inverse temperature). 20 suits cosine; use about 1 with {@code dot}.</li>
 *   <li>{@code similarity} ({@code cosine} | {@code dot}, default {@code cosine}): how anchors and candidates
 *       are compared.</li>
 *   <li>{@code symmetric} (boolean, default false): also rank anchors for each positive (positive j against
 *       all anchors) and average the two directions, as sentence-transformers'
 *       {@code MultipleNegativesSymmetricRankingLoss} does.</li>
 * </ul>
 *
 * <h2>References</h2>
 * <ul>
 *   <li>Henderson et al., 2017, "Efficient Natural Language Response Suggestion for Smart Reply",
 *       <a href="https://arxiv.org/abs/1705.00652">arXiv:1705.00652</a>.</li>
 *   <li>van den Oord et al., 2018, "Representation Learning with Contrastive Predictive Coding" (InfoNCE),
 *       <a href="https://arxiv.org/abs/1807.03748">arXiv:1807.03748</a>.</li>
 *   <li>sentence-transformers, <a href="https://sbert.net/docs/package_reference/sentence_transformer/losses.html#multiplenegativesrankingloss">
 *       MultipleNegativesRankingLoss</a>.</li>
 * </ul>
 *
 * <h2>Requirements</h2>
 * Rows of texts that belong together (query and answer, sentence and paraphrase), optionally with hard
 * negatives. No scores or labels.
 *
 * <h2>Inputs</h2>
 * <table>
 *   <caption>Accepted formats</caption>
 *   <tr><th>Format</th><th>Columns</th><th>Labels</th></tr>
 *   <tr><td>{@code pair}</td><td>(anchor, positive)</td><td>none</td></tr>
 *   <tr><td>{@code triplet}</td><td>(anchor, positive, negative_1, …, negative_k), any k ≥ 1</td><td>none</td></tr>
 * </table>
 *
 * <h2>Recommendations</h2>
 * <ul>
 *   <li>Use a batch sampler that keeps duplicate texts out of one batch: a duplicate of {@code p_i} in
 *       another row is scored as a negative for {@code a_i}, a false negative.</li>
 *   <li>Larger batches give more in-batch negatives and usually a better model; when memory limits the
 *       batch, use {@code cmnrl} ({@link CachedMultipleNegativesRankingLoss}), which gives the same loss and
 *       gradients with memory that grows with a mini-batch instead.</li>
 * </ul>
 *
 * <h2>Related losses</h2>
 * {@code cmnrl} ({@link CachedMultipleNegativesRankingLoss}): same loss, bounded memory;
 * {@code triplet} ({@link TripletLoss}): one negative per anchor, with a margin; GISTEmbed (the
 * {@code losses-gist} plugin): MNRL that drops in-batch negatives a guide model calls false negatives.
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * c4j train --loss "mnrl(scale=20)" --train data/train.jsonl
 * c4j train --loss "mnrl(similarity=dot, scale=1, symmetric=true)" --train data/pairs.jsonl
 * }</pre>
 *
 * <h2>Formula</h2>
 * For a batch of n rows with anchors {@code a_1..a_n}, positives {@code p_1..p_n} and k ≥ 0 negative columns
 * {@code n^(1)_1..n^(1)_n, …, n^(k)_1..n^(k)_n}:
 * <pre>
 *   c       = (p_1, …, p_n, n^(1)_1, …, n^(1)_n, …, n^(k)_1, …, n^(k)_n)      candidates, m = n(1 + k),
 *                                                                           stacked column by column
 *   z_ij    = scale · s(a_i, c_j)                                           logits, an n × m matrix
 *   ℓ_i     = −log softmax(z_i·)_i = log Σ_j exp(z_ij) − z_ii               target: candidate i = p_i
 *   L       = (1/n) Σ_i ℓ_i
 *
 * symmetric = true (positive j against the n anchors; hard negatives take no part):
 *   ℓ'_j    = log Σ_i exp(z_ij) − z_jj                                      j = 1..n, i = 1..n
 *   L       = ( (1/n) Σ_i ℓ_i + (1/n) Σ_j ℓ'_j ) / 2
 * </pre>
 * with {@code s} the chosen {@link Similarity}. The log-softmax is computed stably (shifted by the row's
 * maximum). Back-propagation gives {@code ∂L/∂z_ij = (softmax(z_i·)_j − [i = j]) / n} for the first direction.
 */
public final class MultipleNegativesRankingLoss implements EmbeddingLoss {

    private final double scale;
    private final Similarity similarity;
    private final boolean symmetric;

    /**
     * @param scale multiplies the similarities before the softmax; must be positive
     * @param similarity how anchors and candidates are compared
     * @param symmetric whether to average in the positive-to-anchor direction
     */
    public MultipleNegativesRankingLoss(double scale, Similarity similarity, boolean symmetric) {
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new ContrastiveException("mnrl: scale must be a finite number > 0, got " + scale);
        }
        this.scale = scale;
        this.similarity = Objects.requireNonNull(similarity, "similarity");
        this.symmetric = symmetric;
    }

    /** @return the factor on the similarities before the softmax */
    public double scale() {
        return scale;
    }

    /** @return how anchors and candidates are compared */
    public Similarity similarity() {
        return similarity;
    }

    /** @return whether the positive-to-anchor direction is averaged in */
    public boolean symmetric() {
        return symmetric;
    }

    @Override
    public NDArray compute(EmbeddedBatch batch) {
        if (batch.format() == DataFormat.SCORED_PAIR) {
            throw new ContrastiveException("mnrl expects pair or triplet rows, got " + batch.format().cliName()
                    + " rows; convert them or choose a loss for scored pairs");
        }
        return compute(batch.columns());
    }

    /**
     * The loss of embedded columns: anchors, positives, then any number of negative columns.
     *
     * @param columns {@code (n, dim)} matrices: anchor, positive, negative_1 … negative_k (k ≥ 0)
     * @return the scalar loss L of the class documentation, attached to the anchors' manager
     */
    public NDArray compute(List<NDArray> columns) {
        if (columns.size() < 2) {
            throw new ContrastiveException("mnrl expects at least an anchor and a positive column, got "
                    + columns.size() + " column(s)");
        }
        NDArray anchors = columns.get(0);
        long rows = anchors.getShape().get(0);
        for (int c = 1; c < columns.size(); c++) {
            if (columns.get(c).getShape().get(0) != rows) {
                throw new ContrastiveException("mnrl expects columns of equal length, got " + rows
                        + " anchors and " + columns.get(c).getShape().get(0) + " rows in column " + c);
            }
        }
        NDArray candidates = columns.size() == 2
                ? columns.get(1)
                : NDArrays.concat(new NDList(columns.subList(1, columns.size())), 0);
        NDArray similarities = similarity.matrix(anchors, candidates);
        NDArray logits = similarities.mul(GraphScalars.of(similarities, scale));
        NDArray anchorToCandidates = crossEntropyWithDiagonalTargets(logits);
        if (!symmetric) {
            return anchorToCandidates;
        }
        // Column j < n of the logits holds positive j against every anchor (s is symmetric in its arguments).
        NDArray positiveToAnchors = crossEntropyWithDiagonalTargets(logits.get(":, 0:{}", rows).transpose());
        // A scalar of the loss's own type: a float64 one would promote a float32 loss to float64.
        NDArray sum = anchorToCandidates.add(positiveToAnchors);
        return sum.div(GraphScalars.of(sum, 2));
    }

    /** Mean over rows i of {@code −log softmax(z_i·)_i}: row i's target is column i. */
    private static NDArray crossEntropyWithDiagonalTargets(NDArray logits) {
        return logits.logSoftmax(1).diagonal().mean().neg();
    }

    @Override
    public String toString() {
        return "mnrl(scale=" + scale + ", similarity=" + similarity.parameterValue() + ", symmetric=" + symmetric
                + ")";
    }
}
