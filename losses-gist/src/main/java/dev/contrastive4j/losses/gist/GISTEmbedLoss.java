package dev.contrastive4j.losses.gist;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.contrastive4j.spi.Batch;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.Embedder;
import dev.contrastive4j.spi.EncoderLoss;
import dev.contrastive4j.spi.FrozenModel;
import dev.contrastive4j.spi.GraphScalars;
import dev.contrastive4j.spi.LossContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * GISTEmbedLoss (Guided In-sample Selection of Training negatives): MultipleNegativesRankingLoss whose in-batch
 * negatives are vetted by a frozen guide model. Candidates the guide rates at least as close to the anchor as
 * the anchor's own positive are likely false negatives (paraphrases, duplicates, other right answers) and are
 * dropped from the softmax instead of being pushed away.
 *
 * <p>For each anchor the candidates are the batch's positives, and by default also the other anchors and, for each
 * positive, the other positives, plus every hard negative. The guide embeds the same texts with its own tokenizer;
 * its similarity of anchor i with positive i is row i's threshold. Every candidate whose guide similarity lies
 * strictly above the threshold (lowered by the margin) is masked, except the true pair itself. The student's
 * cosine similarities, divided by the temperature, then go through the softmax cross-entropy with the target at
 * positive i.
 *
 * <h2>Parameters</h2>
 * <ul>
 *   <li>{@code guide} (string, default {@code bge-small}): the guide model: a bundled model name
 *       ({@code bge-small}, {@code minilm}) or a model folder or {@code .onnx} file. Loaded once, frozen, shared by
 *       every GIST loss of the run.</li>
 *   <li>{@code temperature} (number, {@code > 0}, default 0.01): divides the cosine similarities before the
 *       softmax; the inverse of MNRL's {@code scale} (0.01 is scale 100).</li>
 *   <li>{@code margin_strategy} ({@code absolute} | {@code relative}, default {@code absolute}): how the margin
 *       lowers the threshold (see {@link MarginStrategy}).</li>
 *   <li>{@code margin} (number, {@code >= 0}, default 0): with {@code absolute} and 0, only candidates the guide
 *       rates strictly closer than the positive are dropped; a larger margin drops more.</li>
 *   <li>{@code contrast_anchors} (boolean, default true): include the anchor–anchor block, pushing anchors
 *       apart.</li>
 *   <li>{@code contrast_positives} (boolean, default true): include the positive–positive block, pushing positives
 *       apart; false may suit some retrieval tasks better.</li>
 * </ul>
 *
 * <h2>References</h2>
 * <ul>
 *   <li>Solatorio, 2024, "GISTEmbed: Guided In-sample Selection of Training Negatives for Text Embedding
 *       Fine-tuning", <a href="https://arxiv.org/abs/2402.16829">arXiv:2402.16829</a>.</li>
 *   <li>sentence-transformers, <a href="https://sbert.net/docs/package_reference/sentence_transformer/losses.html#gistembedloss">
 *       GISTEmbedLoss</a>.</li>
 * </ul>
 *
 * <h2>Requirements</h2>
 * <ol>
 *   <li>(anchor, positive, negative…) triplets, or</li>
 *   <li>(anchor, positive) pairs;</li>
 *   <li>a guide model: by default the bundled bge-small-en-v1.5, ideally stronger than the model being
 *       trained and never the same model.</li>
 * </ol>
 *
 * <h2>Inputs</h2>
 * <table>
 *   <caption>Accepted formats</caption>
 *   <tr><th>Format</th><th>Columns</th><th>Labels</th></tr>
 *   <tr><td>{@code triplet}</td><td>(anchor, positive, negative_1, …, negative_k), any k ≥ 1</td><td>none</td></tr>
 *   <tr><td>{@code pair}</td><td>(anchor, positive)</td><td>none</td></tr>
 * </table>
 *
 * <h2>Recommendations</h2>
 * <ul>
 *   <li>Use a batch sampler that keeps duplicate texts out of a batch (the trainer's does): the guide catches
 *       near-duplicates, exact ones are better never sampled together.</li>
 *   <li>When memory limits the batch, use {@code cgist} ({@link CachedGISTEmbedLoss}): same loss and gradients,
 *       memory bounded by a mini-batch.</li>
 * </ul>
 *
 * <h2>Related losses</h2>
 * {@code mnrl} (MultipleNegativesRankingLoss, the {@code losses-ranking} plugin): the same ranking without a
 * guide, cheaper by the guide's forward pass; {@code cgist} ({@link CachedGISTEmbedLoss}): this loss with
 * gradient caching.
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * c4j train --model minilm --loss gist --train data/train.jsonl
 * c4j train --model minilm --loss "gist(guide=runs/teacher/final, margin=0.05, contrast_positives=false)"
 * c4j train --model minilm --loss "0.5*gist + 0.5*triplet"
 * }</pre>
 *
 * <h2>Formula</h2>
 * For a batch of n rows with anchors {@code a_i}, positives {@code p_i} and k ≥ 0 negative columns {@code n^(c)_i};
 * {@code s} is the student's cosine similarity, {@code g} the guide's, τ the temperature, m the margin:
 * <pre>
 *   t_i        = g(a_i, p_i)                                          row i's threshold
 *   b_i        = t_i − m                     (absolute)               the bound above which candidates drop
 *              = t_i − |t_i| · m             (relative; sentence-transformers' t_i(1 − m) when t_i ≥ 0)
 *   blocks, in this order (the optional ones when enabled), each n × n, row i against candidate j:
 *     AP_ij    = s(a_i, p_j)                 guide G_ij = g(a_i, p_j)
 *     AA_ij    = s(a_i, a_j)                 guide g(a_i, a_j)        contrast_anchors
 *     PP_ij    = s(p_i, p_j)                 guide g(p_i, p_j)        contrast_positives
 *     AN^(c)_ij = s(a_i, n^(c)_j)            guide g(a_i, n^(c)_j)    c = 1..k
 *   masking    every block entry with guide similarity &gt; b_i becomes −∞, except AP_ii
 *   z_i·       = [AP_i·, AA_i·, PP_i·, AN^(1)_i·, …, AN^(k)_i·] / τ   row i of the n × nB logits, B blocks
 *   ℓ_i        = −log softmax(z_i·)_i = log Σ_j exp(z_ij) − z_ii       target: column i, the positive p_i
 *   L          = (1/n) Σ_i ℓ_i
 * </pre>
 * The diagonals of AA and PP compare a text with itself: the guide's similarity there is 1, above any threshold
 * below 1, so they are masked like any other candidate closer than the positive (as in sentence-transformers, which
 * applies the same rule to every block; a row whose anchor equals its positive has t_i = 1 and keeps them, since
 * masking is strict). Guide similarities are computed in double precision; student cosines use
 * {@code x / max(‖x‖, 1e-12)}.
 *
 * <p>As an {@link EncoderLoss} it embeds the student itself: column c with {@code embedWithGradient} and dropout
 * seed {@code stepSeed + c}, which is how the trainer embeds columns for embedding-level losses. So in a
 * combination such as {@code 0.5*gist + 0.5*triplet} both see identical student embeddings and the gradients are
 * those of the sum, at the cost of a second student forward and backward pass for the batch. (An
 * {@link dev.contrastive4j.spi.EmbeddingLoss} would share the trainer's pass, but it receives embeddings only,
 * and the guide needs the texts.)
 */
public final class GISTEmbedLoss implements EncoderLoss {

    private final GistObjective objective;
    private final GuideModel guide;

    /**
     * @param objective temperature, margin and blocks
     * @param guideName the guide as named by the user, for messages
     * @param guide the frozen guide encoder (shared, not closed by the loss)
     */
    public GISTEmbedLoss(GistObjective objective, String guideName, FrozenModel guide) {
        this.objective = Objects.requireNonNull(objective, "objective");
        this.guide = new GuideModel(guideName, guide);
    }

    /** @return temperature, margin and blocks */
    public GistObjective objective() {
        return objective;
    }

    @Override
    public double forwardBackward(Batch batch, LossContext context, double weight) {
        requireRankingRows(batch, "gist");
        GuideEmbeddings guided = guide.embed(batch, batch.size());
        Embedder student = context.encoder();
        try (NDManager scope = context.manager().newSubManager()) {
            List<NDArray> columns = new ArrayList<>(batch.columns().size());
            for (int c = 0; c < batch.columns().size(); c++) {
                columns.add(student.embedWithGradient(batch.column(c), scope, context.stepSeed() + c));
            }
            guide.warnOnceIfStudentLooksLikeGuide(columns.get(0), guided);
            NDArray loss = objective.compute(columns, guided);
            double value = loss.getDouble();
            context.backward(loss.mul(GraphScalars.of(scope, weight, loss.getDataType())));
            return value;
        }
    }

    static void requireRankingRows(Batch batch, String loss) {
        if (batch.format() == DataFormat.SCORED_PAIR) {
            throw new ContrastiveException(loss + " expects pair or triplet rows, got " + batch.format().cliName()
                    + " rows; convert them or choose a loss for scored pairs");
        }
    }

    @Override
    public String toString() {
        return "gist(guide=" + guide.name() + ", " + objective + ")";
    }
}
