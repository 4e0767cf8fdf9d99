package dev.contrastive4j.losses.angle;

import ai.djl.ndarray.NDArray;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.EmbeddedBatch;
import dev.contrastive4j.spi.EmbeddingLoss;
import dev.contrastive4j.spi.GraphScalars;

/**
 * Contrastive loss: pulls the two texts of a positive pair (label 1) together and pushes those of a negative pair
 * (label 0) at least {@code margin} apart.
 *
 * <h2>Formula</h2>
 * For a batch of {@code n} labelled pairs {@code (u_i, v_i, y_i)}, a distance {@code d} (see below) and margin
 * {@code m}:
 * <pre>
 *   d_i    = d(u_i, v_i)
 *   ℓ_i    = ½ · ( y_i · d_i²  +  (1 − y_i) · max(0, m − d_i)² )
 *   loss   = (1/n) · Σ_i ℓ_i        (size_average = true)
 *          =         Σ_i ℓ_i        (size_average = false)
 * </pre>
 * with {@code d(u, v) = 1 − cos(u, v)} (cosine), {@code ‖u − v + ε‖₂} (euclidean) or {@code ‖u − v + ε‖₁}
 * (manhattan), {@code ε = 1e-6} as in {@code torch.nn.functional.pairwise_distance}. A label between 0 and 1 weighs
 * both terms, exactly as the formula reads (sentence-transformers does the same).
 *
 * <h2>Parameters</h2>
 * <ul>
 *   <li>{@code distance} ({@code cosine} | {@code euclidean} | {@code manhattan}, default {@code cosine}): the
 *       distance {@code d}.</li>
 *   <li>{@code margin} (number &ge; 0, default 0.5): the distance beyond which a negative pair costs nothing.</li>
 *   <li>{@code size_average} (boolean, default {@code true}): the mean over the pairs, or their sum.</li>
 * </ul>
 *
 * <h2>References</h2>
 * Hadsell, Chopra and LeCun, "Dimensionality Reduction by Learning an Invariant Mapping" (CVPR 2006),
 * <a href="http://yann.lecun.com/exdb/publis/pdf/hadsell-chopra-lecun-06.pdf">PDF</a>; sentence-transformers'
 * {@code ContrastiveLoss}, whose defaults and distances this class follows.
 *
 * <h2>Requirements</h2>
 * Sentence pairs labelled 1 (similar) or 0 (dissimilar): our {@code scored-pair} format. Triplet data reaches
 * this loss through the {@code triplet-to-scored-pairs} converter of the data-converters module, which turns
 * {@code (q, p, n)} into {@code (q, p, 1)} and {@code (q, n, 0)}: exactly the input this loss is designed for.
 *
 * <h2>Input</h2>
 * <table>
 *   <caption>Columns and labels</caption>
 *   <tr><th>Texts</th><th>Labels</th></tr>
 *   <tr><td>(sentence1, sentence2) pairs</td><td>1 for a positive pair, 0 for a negative pair</td></tr>
 * </table>
 *
 * <h2>Recommendations</h2>
 * {@link OnlineContrastiveLoss} uses only the hard pairs of each batch and often trains better. With the cosine
 * distance a margin around 0.5 fits; the euclidean and manhattan distances need margins on the scale of the
 * embeddings' norms.
 *
 * <h2>Related losses</h2>
 * <ul>
 *   <li>{@link OnlineContrastiveLoss}: the same terms on the hard positives and negatives only, summed.</li>
 *   <li>{@link CosineSimilarityLoss}: regresses the cosine onto the label instead of a hinge.</li>
 *   <li>{@code triplet} (losses-ranking): the same margin idea on the triplets themselves, before conversion.</li>
 * </ul>
 *
 * <h2>Usage</h2>
 * <pre>
 *   c4j train --loss "contrastive" --train triplets.jsonl --output runs/contrastive
 *   c4j train --loss "contrastive(distance=euclidean, margin=1, size_average=false)" --train pairs.jsonl
 * </pre>
 */
public final class ContrastiveLoss implements EmbeddingLoss {

    /** The loss's canonical name in loss expressions. */
    public static final String NAME = "contrastive";

    /** sentence-transformers' default margin. */
    static final double DEFAULT_MARGIN = 0.5;

    private final SiameseDistance distance;
    private final double margin;
    private final boolean sizeAverage;

    ContrastiveLoss(SiameseDistance distance, double margin, boolean sizeAverage) {
        if (!(Double.isFinite(margin) && margin >= 0)) {
            throw new ContrastiveException("loss '" + NAME + "': parameter 'margin' must be a finite number >= 0, got "
                    + margin);
        }
        this.distance = distance;
        this.margin = margin;
        this.sizeAverage = sizeAverage;
    }

    @Override
    public NDArray compute(EmbeddedBatch batch) {
        ScoredPairBatches.require(batch, NAME);
        NDArray d = distance.between(batch.column(0), batch.column(1));
        NDArray labels = ScoredPairBatches.owned(batch.scores(), d.getDataType());
        NDArray attract = labels.mul(d.square());
        NDArray hinge = d.neg().add(margin).maximum(GraphScalars.of(d, 0));
        NDArray repel = labels.neg().add(1).mul(hinge.square());
        NDArray losses = attract.add(repel).mul(GraphScalars.of(d, 0.5));
        return sizeAverage ? losses.mean() : losses.sum();
    }
}
