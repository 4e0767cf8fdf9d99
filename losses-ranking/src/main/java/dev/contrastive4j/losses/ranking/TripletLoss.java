package dev.contrastive4j.losses.ranking;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.EmbeddedBatch;
import dev.contrastive4j.spi.EmbeddingLoss;
import java.util.Objects;

/**
 * TripletLoss: pull each anchor closer to its positive than to its negative, by at least a margin.
 *
 * <p>For each row the loss is zero once the negative is at least {@code margin} farther from the anchor than
 * the positive is; otherwise it is the shortfall. Unlike {@link MultipleNegativesRankingLoss} it looks at one
 * negative per anchor and ignores the rest of the batch.
 *
 * <h2>Parameters</h2>
 * <ul>
 *   <li>{@code distance} ({@code euclidean} | {@code cosine} | {@code manhattan}, default {@code euclidean}):
 *       see {@link TripletDistance}.</li>
 *   <li>{@code margin} (number, {@code >= 0}, default 5): the required gap between the two distances.
 *       5 is sentence-transformers' default for euclidean distance on unnormalised embeddings; cosine distance
 *       lies in [0, 2], so choose something like 0.1–0.5 with it.</li>
 * </ul>
 *
 * <h2>References</h2>
 * <ul>
 *   <li>Schroff, Kalenichenko, Philbin, 2015, "FaceNet: A Unified Embedding for Face Recognition and
 *       Clustering", <a href="https://arxiv.org/abs/1503.03832">arXiv:1503.03832</a>.</li>
 *   <li>Reimers, Gurevych, 2019, "Sentence-BERT: Sentence Embeddings using Siamese BERT-Networks",
 *       <a href="https://arxiv.org/abs/1908.10084">arXiv:1908.10084</a>.</li>
 *   <li>sentence-transformers, <a href="https://sbert.net/docs/package_reference/sentence_transformer/losses.html#tripletloss">
 *       TripletLoss</a>.</li>
 * </ul>
 *
 * <h2>Requirements</h2>
 * Triplets: an anchor, a text that matches it and a text that does not. With several negatives per row,
 * only the first ({@code negative_1}) is used.
 *
 * <h2>Inputs</h2>
 * <table>
 *   <caption>Accepted formats</caption>
 *   <tr><th>Format</th><th>Columns</th><th>Labels</th></tr>
 *   <tr><td>{@code triplet}</td><td>(anchor, positive, negative_1[, …])</td><td>none</td></tr>
 * </table>
 *
 * <h2>Recommendations</h2>
 * <ul>
 *   <li>Hard negatives (close to the anchor but wrong) teach far more than random ones, which soon satisfy
 *       the margin and contribute nothing.</li>
 *   <li>Match the margin to the distance's range (see above).</li>
 * </ul>
 *
 * <h2>Related losses</h2>
 * {@code mnrl} ({@link MultipleNegativesRankingLoss}): uses every other row as a negative as well, usually
 * better on triplet data; CoSENTLoss, AnglELoss and CosineSimilarityLoss (the {@code losses-angle} plugin): for
 * scored pairs.
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * c4j train --loss "triplet" --train data/triplets.jsonl
 * c4j train --loss "triplet(distance=cosine, margin=0.3)" --train data/triplets.jsonl
 * }</pre>
 *
 * <h2>Formula</h2>
 * For n rows with anchors {@code a_i}, positives {@code p_i} and first negatives {@code n_i}:
 * <pre>
 *   L = (1/n) Σ_i max(0, d(a_i, p_i) − d(a_i, n_i) + margin)
 *
 *   euclidean:  d(x, y) = sqrt(max(Σ_k (x_k − y_k)², 1e-12))
 *   cosine:     d(x, y) = 1 − x·y / (max(‖x‖, 1e-12) · max(‖y‖, 1e-12))
 *   manhattan:  d(x, y) = Σ_k |x_k − y_k|
 * </pre>
 * Where the hinge is exactly zero its gradient is taken as zero (ReLU's convention).
 */
public final class TripletLoss implements EmbeddingLoss {

    private final TripletDistance distance;
    private final double margin;

    /**
     * @param distance how far apart two embeddings are
     * @param margin the required gap between the negative's and the positive's distance; at least 0
     */
    public TripletLoss(TripletDistance distance, double margin) {
        this.distance = Objects.requireNonNull(distance, "distance");
        if (!(margin >= 0) || !Double.isFinite(margin)) {
            throw new ContrastiveException("triplet: margin must be a finite number >= 0, got " + margin);
        }
        this.margin = margin;
    }

    /** @return how far apart two embeddings are */
    public TripletDistance distance() {
        return distance;
    }

    /** @return the required gap between the two distances */
    public double margin() {
        return margin;
    }

    @Override
    public NDArray compute(EmbeddedBatch batch) {
        if (batch.format() != DataFormat.TRIPLET) {
            throw new ContrastiveException("triplet expects triplet rows (anchor, positive, negative), got "
                    + batch.format().cliName() + " rows");
        }
        NDArray anchors = batch.column(0);
        NDArray toPositive = distance.rowwise(anchors, batch.column(1));
        NDArray toNegative = distance.rowwise(anchors, batch.column(2));
        return Activation.relu(toPositive.sub(toNegative).add(margin)).mean();
    }

    @Override
    public String toString() {
        return "triplet(distance=" + distance.parameterValue() + ", margin=" + margin + ")";
    }
}
