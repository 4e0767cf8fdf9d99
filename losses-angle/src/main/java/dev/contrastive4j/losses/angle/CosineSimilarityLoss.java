package dev.contrastive4j.losses.angle;

import ai.djl.ndarray.NDArray;
import dev.contrastive4j.spi.EmbeddedBatch;
import dev.contrastive4j.spi.EmbeddingLoss;

/**
 * Cosine similarity loss: regresses the cosine similarity of each pair onto its gold score with a mean squared
 * error.
 *
 * <h2>Formula</h2>
 * For a batch of {@code n} scored pairs {@code (u_i, v_i, y_i)}:
 * <pre>
 *   cos(u_i, v_i) = u_i·v_i / (‖u_i‖ ‖v_i‖)
 *   loss = (1/n) · Σ_i ( cos(u_i, v_i) − y_i )²
 * </pre>
 * Norms below 1e-12 count as 1e-12, so an all-zero embedding has cosine 0 rather than NaN.
 *
 * <h2>Parameters</h2>
 * None. (sentence-transformers' {@code loss_fct} and {@code cos_score_transformation} are fixed to their
 * defaults: mean squared error and the identity.)
 *
 * <h2>References</h2>
 * Reimers and Gurevych, "Sentence-BERT: Sentence Embeddings using Siamese BERT-Networks" (2019),
 * <a href="https://arxiv.org/abs/1908.10084">arXiv:1908.10084</a>; sentence-transformers'
 * {@code CosineSimilarityLoss}.
 *
 * <h2>Requirements</h2>
 * Sentence pairs with gold similarity scores in [0, 1] (our {@code scored-pair} format). Unlike the ranking
 * losses, the score values themselves are targets: a pair scored 0 is pushed to cosine 0 (orthogonal), not
 * to −1. Triplet data is turned into scored pairs by the {@code triplet-to-scored-pairs} converter of the
 * data-converters module.
 *
 * <h2>Input</h2>
 * <table>
 *   <caption>Columns and labels</caption>
 *   <tr><th>Texts</th><th>Labels</th></tr>
 *   <tr><td>(sentence1, sentence2) pairs</td><td>gold similarity score in [0, 1]</td></tr>
 * </table>
 *
 * <h2>Recommendations</h2>
 * {@link CoSENTLoss} and {@link AnglELoss} usually train better on the same data (sentence-transformers'
 * experiments recommend CoSENT); use this loss when the scores are calibrated targets, not just an order.
 *
 * <h2>Related losses</h2>
 * <ul>
 *   <li>{@link CoSENTLoss}: ranks the pairs by cosine instead of regressing it.</li>
 *   <li>{@link AnglELoss}: ranks them by angle difference in complex space.</li>
 * </ul>
 *
 * <h2>Usage</h2>
 * <pre>
 *   c4j train --loss "cosine" --train sts.jsonl --output runs/cosine
 *   c4j train --loss "0.7*angle + 0.3*triplet" --train triplets.jsonl --output runs/angle-triplet
 * </pre>
 */
public final class CosineSimilarityLoss implements EmbeddingLoss {

    /** The loss's canonical name in loss expressions. */
    public static final String NAME = "cosine";

    @Override
    public NDArray compute(EmbeddedBatch batch) {
        ScoredPairBatches.require(batch, NAME);
        NDArray cosines = PairSimilarity.cosine(batch.column(0), batch.column(1));
        NDArray scores = batch.scores().toType(cosines.getDataType(), false);
        return cosines.sub(scores).square().mean();
    }
}
