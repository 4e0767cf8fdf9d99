package dev.contrastive4j.losses.gist;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.contrastive4j.spi.Batch;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.EncoderLoss;
import dev.contrastive4j.spi.FrozenModel;
import dev.contrastive4j.spi.GraphScalars;
import dev.contrastive4j.spi.LossContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Margin MSE loss: distils a teacher's ranking into the student by regressing the student's margin between the
 * positive and each negative onto the teacher's margin.
 *
 * <h2>Formula</h2>
 * For a batch of {@code n} rows {@code (q_i, p_i, n_i1 … n_ik)} embedded by the student as {@code q, p, n}:
 * <pre>
 *   student margin  s_ij = q_i·p_i − q_i·n_ij
 *   teacher margin  t_ij = Q_i·P_i − Q_i·N_ij      (a teacher model embeds the texts as Q, P, N), or
 *                   t_ij = m_ij                    (teacher=labels: the row's margins from the data)
 *   loss = (1 / (n·k)) · Σ_i Σ_j ( s_ij − t_ij )²
 * </pre>
 * Dot products of the embeddings as each model produces them (sentence-transformers' {@code pairwise_dot_score});
 * with several negatives per row the mean runs over every (row, negative), as {@code MSELoss} does on the
 * {@code (n, k)} margins.
 *
 * <h2>Parameters</h2>
 * <ul>
 *   <li>{@code teacher} (string, default {@code bge-small}): where the teacher's margins come from.
 *       {@code labels}: from the data, the margins {@code m_ij} each triplet carries in its label column
 *       ({@link dev.contrastive4j.spi.Triplet#margins()}); no model is loaded. Otherwise the frozen teacher model:
 *       a bundled model name ({@code bge-small}, {@code minilm}), a model folder or an {@code .onnx} file, loaded
 *       once, never trained, run in inference mode on the batch's texts (a model folder named {@code labels}:
 *       write {@code ./labels}).</li>
 * </ul>
 *
 * <h2>References</h2>
 * Hofstätter et al., "Improving Efficient Neural Ranking Models with Cross-Architecture Knowledge Distillation"
 * (2020), <a href="https://arxiv.org/abs/2010.02666">arXiv:2010.02666</a>; sentence-transformers'
 * {@code MarginMSELoss}, whose loss this is. sentence-transformers reads the teacher's margins from a label column
 * (typically a cross-encoder's {@code score(q, p) − score(q, n_j)} computed beforehand), as {@code teacher=labels}
 * does; with a model named instead, a bi-encoder teacher computes them on the fly.
 *
 * <h2>Requirements</h2>
 * Triplets with one or more negatives, and either a teacher model (by default the bundled bge-small-en-v1.5) or,
 * with {@code teacher=labels}, a margin per negative on every row.
 *
 * <h2>Input</h2>
 * <table>
 *   <caption>Columns and labels</caption>
 *   <tr><th>Texts</th><th>Labels</th></tr>
 *   <tr><td>(query, positive, negative_1, …, negative_k) triplets</td><td>none: the teacher model gives the
 *       margins</td></tr>
 *   <tr><td>(query, positive, negative_1, …, negative_k) triplets, with {@code teacher=labels}</td><td>the teacher's
 *       margins {@code m_i1 … m_ik}: column {@code label} (also {@code score}, {@code margin}) holding a number (one
 *       negative) or, in JSONL, an array of k numbers; or columns {@code label_1} … {@code label_k}</td></tr>
 * </table>
 *
 * <h2>Recommendations</h2>
 * The teacher should rank better than the student; hard negatives make the margins informative. Margins in the
 * data are on the teacher's scale (a cross-encoder's logits are not dot products of unit vectors): the student's
 * margins follow that scale. The loss embeds the texts itself, so it does not share the student's embeddings with
 * other terms.
 *
 * <h2>Related losses</h2>
 * <ul>
 *   <li>{@code gist}: uses a frozen model to drop false negatives instead of as a target.</li>
 *   <li>{@code mnrl}: the same data without a teacher.</li>
 *   <li>{@code c4j convert --to scored-pairs} ignores the margins.</li>
 * </ul>
 *
 * <h2>Usage</h2>
 * <pre>
 *   c4j train --loss "margin-mse" --train triplets.jsonl --output runs/margin-mse
 *   c4j train --loss "margin-mse(teacher=labels)" --train scored-triplets.jsonl --output runs/margin-mse-labels
 *   c4j train --loss "0.5*mnrl + 0.5*margin-mse(teacher=runs/teacher/final)" --train triplets.jsonl
 * </pre>
 */
public final class MarginMSELoss implements EncoderLoss {

    /** The canonical name. */
    public static final String NAME = "margin-mse";

    /** The {@code teacher} value that takes the margins from the data. */
    public static final String LABELS = "labels";

    /** The teacher model, or {@code null} when the margins come from the data. */
    private final GuideModel teacher;

    private MarginMSELoss(GuideModel teacher) {
        this.teacher = teacher;
    }

    /**
     * A loss whose teacher model computes the margins on the fly.
     *
     * @param teacherName the teacher as the user named it, for messages
     * @param teacher the frozen teacher encoder (shared; not closed by the loss)
     */
    static MarginMSELoss withTeacher(String teacherName, FrozenModel teacher) {
        return new MarginMSELoss(new GuideModel(teacherName, teacher));
    }

    /** A loss that reads the teacher's margins from the batch ({@link Batch#margins()}). */
    static MarginMSELoss withLabels() {
        return new MarginMSELoss(null);
    }

    @Override
    public double forwardBackward(Batch batch, LossContext context, double weight) {
        if (batch.format() != DataFormat.TRIPLET) {
            throw new ContrastiveException("loss '" + NAME + "' expected a batch of triplets, got "
                    + batch.format().cliName());
        }
        double[][] teacherMargins = teacher == null ? labelMargins(batch)
                : teacherMargins(teacher.embed(batch, batch.size()));
        List<NDArray> columns = new ArrayList<>(batch.columns().size());
        for (int c = 0; c < batch.columns().size(); c++) {
            columns.add(context.encoder().embedWithGradient(batch.column(c), context.manager(),
                    context.stepSeed() + c));
        }
        NDArray loss = objective(columns, teacherMargins);
        context.backward(loss.mul(GraphScalars.of(loss, weight)));
        return loss.toType(DataType.FLOAT64, false).getDouble();
    }

    /** {@code t_ij = m_ij}, the margins the batch's rows carry. */
    static double[][] labelMargins(Batch batch) {
        if (!batch.hasMargins()) {
            throw new ContrastiveException(NAME + "(teacher=" + LABELS + "): the training triplets carry no teacher "
                    + "margins; add a 'label' column to the data with score(anchor, positive) - score(anchor, negative)"
                    + " per negative (a number, a JSONL array, or columns label_1 ... label_k), or name a teacher"
                    + " model (teacher=" + GistParameters.DEFAULT_GUIDE + ")");
        }
        return batch.margins();
    }

    /** {@code t_ij = Q_i·P_i − Q_i·N_ij} from the teacher's embeddings, in double precision. */
    static double[][] teacherMargins(GuideEmbeddings teacher) {
        int negatives = teacher.columnCount() - 2;
        double[][] margins = new double[teacher.rows()][negatives];
        for (int i = 0; i < teacher.rows(); i++) {
            float[] query = teacher.column(0)[i];
            double positive = dot(query, teacher.column(1)[i]);
            for (int j = 0; j < negatives; j++) {
                margins[i][j] = positive - dot(query, teacher.column(2 + j)[i]);
            }
        }
        return margins;
    }

    /**
     * The loss of the class notes from the student's embedded columns (query, positive, negatives…) and the
     * teacher's margins {@code [row][negative]}; a scalar with a graph back to the columns.
     */
    static NDArray objective(List<NDArray> columns, double[][] teacherMargins) {
        NDArray query = columns.get(0);
        NDArray positive = query.mul(columns.get(1)).sum(new int[] {1});
        NDList margins = new NDList();
        for (int j = 2; j < columns.size(); j++) {
            margins.add(positive.sub(query.mul(columns.get(j)).sum(new int[] {1})));
        }
        NDArray studentMargins = NDArrays.stack(margins, 1);
        int rows = teacherMargins.length;
        int negatives = columns.size() - 2;
        float[] flat = new float[rows * negatives];
        double[] exact = new double[rows * negatives];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < negatives; j++) {
                flat[i * negatives + j] = (float) teacherMargins[i][j];
                exact[i * negatives + j] = teacherMargins[i][j];
            }
        }
        // Labels in the student's type and in memory PyTorch owns (the subtraction's result feeds a square, whose
        // backward reads it; Java-backed arrays may be freed before that).
        NDArray labels;
        try (NDArray javaBacked = studentMargins.getDataType() == DataType.FLOAT64
                ? query.getManager().create(exact, new Shape(rows, negatives))
                : query.getManager().create(flat, new Shape(rows, negatives))) {
            labels = javaBacked.getDataType() == studentMargins.getDataType() ? javaBacked.duplicate()
                    : javaBacked.toType(studentMargins.getDataType(), false);
        }
        return studentMargins.sub(labels).square().mean();
    }

    private static double dot(float[] x, float[] y) {
        double sum = 0;
        for (int k = 0; k < x.length; k++) {
            sum += (double) x[k] * y[k];
        }
        return sum;
    }
}
