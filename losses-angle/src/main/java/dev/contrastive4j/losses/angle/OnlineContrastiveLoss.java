package dev.contrastive4j.losses.angle;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.EmbeddedBatch;
import dev.contrastive4j.spi.EmbeddingLoss;
import dev.contrastive4j.spi.GraphScalars;

/**
 * Online contrastive loss: {@link ContrastiveLoss} on the hard pairs of the batch only: the positive pairs that lie
 * further apart than the closest negative pair, and the negative pairs that lie closer than the furthest positive
 * pair.
 *
 * <h2>Formula</h2>
 * For a batch of labelled pairs {@code (u_i, v_i, y_i)}, a distance {@code d} and margin {@code m}, with
 * {@code d_i = d(u_i, v_i)}, {@code P = {i : y_i = 1}} and {@code N = {i : y_i = 0}}:
 * <pre>
 *   t_N   = max_{i∈P} d_i     if |P| &gt; 1,   else mean_{i∈N} d_i
 *   t_P   = min_{i∈N} d_i     if |N| &gt; 1,   else mean_{i∈P} d_i
 *   hard negatives  N' = {i ∈ N : d_i &lt; t_N}
 *   hard positives  P' = {i ∈ P : d_i &gt; t_P}
 *   loss  = Σ_{i∈P'} d_i²  +  Σ_{i∈N'} max(0, m − d_i)²
 * </pre>
 * A sum, not a mean, and without ContrastiveLoss's factor ½, as in sentence-transformers. The selection is made on
 * the values of the distances and carries no gradient. Rows whose label is neither 0 nor 1 belong to neither set
 * and are ignored; a batch without hard pairs has loss 0.
 *
 * <h2>Parameters</h2>
 * <ul>
 *   <li>{@code distance} ({@code cosine} | {@code euclidean} | {@code manhattan}, default {@code cosine}): the
 *       distance {@code d}, defined as in {@link ContrastiveLoss}.</li>
 *   <li>{@code margin} (number &ge; 0, default 0.5): the distance beyond which a negative pair costs nothing.</li>
 * </ul>
 *
 * <h2>References</h2>
 * Hadsell, Chopra and LeCun (2006), see {@link ContrastiveLoss}; sentence-transformers'
 * {@code OnlineContrastiveLoss}, whose selection rule and defaults this class follows.
 *
 * <h2>Requirements</h2>
 * Sentence pairs labelled 1 or 0 (our {@code scored-pair} format); triplets reach it through the
 * {@code triplet-to-scored-pairs} converter of the data-converters module as {@code (q, p, 1)} and
 * {@code (q, n, 0)}. A batch needs positive and negative pairs for the selection to mean anything.
 *
 * <h2>Input</h2>
 * <table>
 *   <caption>Columns and labels</caption>
 *   <tr><th>Texts</th><th>Labels</th></tr>
 *   <tr><td>(sentence1, sentence2) pairs</td><td>1 for a positive pair, 0 for a negative pair</td></tr>
 * </table>
 *
 * <h2>Recommendations</h2>
 * Larger batches find harder pairs. Because the loss is a sum, its size (and the effective learning rate) grows
 * with the number of hard pairs; lower the learning rate if training is unstable.
 *
 * <h2>Related losses</h2>
 * <ul>
 *   <li>{@link ContrastiveLoss}: every pair, averaged by default.</li>
 *   <li>{@code mnrl} (losses-ranking): uses every other text of the batch as a negative instead of labels.</li>
 * </ul>
 *
 * <h2>Usage</h2>
 * <pre>
 *   c4j train --loss "online-contrastive" --train triplets.jsonl --output runs/online
 *   c4j train --loss "online-contrastive(distance=euclidean, margin=2)" --train pairs.jsonl
 * </pre>
 */
public final class OnlineContrastiveLoss implements EmbeddingLoss {

    /** The loss's canonical name in loss expressions. */
    public static final String NAME = "online-contrastive";

    private final SiameseDistance distance;
    private final double margin;

    OnlineContrastiveLoss(SiameseDistance distance, double margin) {
        if (!(Double.isFinite(margin) && margin >= 0)) {
            throw new ContrastiveException("loss '" + NAME + "': parameter 'margin' must be a finite number >= 0, got "
                    + margin);
        }
        this.distance = distance;
        this.margin = margin;
    }

    @Override
    public NDArray compute(EmbeddedBatch batch) {
        ScoredPairBatches.require(batch, NAME);
        NDArray d = distance.between(batch.column(0), batch.column(1));
        float[][] masks = hardPairMasks(d.toType(DataType.FLOAT64, false).toDoubleArray(),
                batch.scores().toType(DataType.FLOAT64, false).toDoubleArray());
        NDArray hardPositives = ScoredPairBatches.owned(d.getManager().create(masks[0]), d.getDataType());
        NDArray hardNegatives = ScoredPairBatches.owned(d.getManager().create(masks[1]), d.getDataType());
        NDArray hinge = d.neg().add(margin).maximum(GraphScalars.of(d, 0));
        return hardPositives.mul(d.square()).sum().add(hardNegatives.mul(hinge.square()).sum());
    }

    /** {hard positives, hard negatives} as 0/1 masks over the rows; the selection rule of the class notes. */
    static float[][] hardPairMasks(double[] distances, double[] labels) {
        int positives = 0;
        int negatives = 0;
        double maxPositive = Double.NEGATIVE_INFINITY;
        double minNegative = Double.POSITIVE_INFINITY;
        double sumPositive = 0;
        double sumNegative = 0;
        for (int i = 0; i < distances.length; i++) {
            if (labels[i] == 1) {
                positives++;
                maxPositive = Math.max(maxPositive, distances[i]);
                sumPositive += distances[i];
            } else if (labels[i] == 0) {
                negatives++;
                minNegative = Math.min(minNegative, distances[i]);
                sumNegative += distances[i];
            }
        }
        // An empty set's mean is NaN, and every comparison with NaN is false: no pair is selected, as in torch.
        double negativeThreshold = positives > 1 ? maxPositive : sumNegative / negatives;
        double positiveThreshold = negatives > 1 ? minNegative : sumPositive / positives;
        float[] hardPositives = new float[distances.length];
        float[] hardNegatives = new float[distances.length];
        for (int i = 0; i < distances.length; i++) {
            if (labels[i] == 1 && distances[i] > positiveThreshold) {
                hardPositives[i] = 1;
            } else if (labels[i] == 0 && distances[i] < negativeThreshold) {
                hardNegatives[i] = 1;
            }
        }
        return new float[][] {hardPositives, hardNegatives};
    }
}
