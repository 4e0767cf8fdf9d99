package dev.contrastive4j.losses.gist;

import ai.djl.ndarray.NDArray;
import dev.contrastive4j.spi.Batch;
import dev.contrastive4j.spi.FrozenModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The frozen guide model as GISTEmbed uses it: inference only (no dropout, no graph, its own tokenizer and
 * token limit), on the batch's texts.
 *
 * <p>Each distinct text of a batch is embedded once, whatever columns it appears in: that saves work on repeated
 * texts and gives a text the very same guide embedding everywhere, so that an anchor identical to its positive
 * ties with its threshold exactly.
 *
 * <p>On its first batch it also checks whether the guide looks like the model being trained. The loss cannot
 * know the student's name (it sees only an {@link dev.contrastive4j.spi.Embedder}), so it compares embeddings:
 * on that first batch the student is still the model it was loaded as, and two different models do not share a
 * coordinate system, so their embeddings of the same texts have a mean cosine near 0, while a model and itself
 * (dropout aside) are near 1. Above {@value #SAME_MODEL_COSINE} a warning is logged once. This costs nothing
 * extra: both sets of embeddings exist anyway.
 */
final class GuideModel {

    /** Mean cosine between student and guide embeddings of the same texts above which they look like one model. */
    static final double SAME_MODEL_COSINE = 0.9;

    private static final Logger LOG = LoggerFactory.getLogger(GuideModel.class);

    private final String name;
    private final FrozenModel encoder;
    private boolean checked;

    /**
     * @param name the guide as the user named it, for messages
     * @param encoder the frozen guide encoder (shared; not closed here)
     */
    GuideModel(String name, FrozenModel encoder) {
        this.name = Objects.requireNonNull(name, "name");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
    }

    String name() {
        return name;
    }

    /**
     * Embeds every column of the batch, {@code chunkSize} texts per forward pass (sorted by length, so that they
     * pad little).
     */
    GuideEmbeddings embed(Batch batch, int chunkSize) {
        Map<String, Integer> distinct = new LinkedHashMap<>();
        for (List<String> column : batch.columns()) {
            for (String text : column) {
                distinct.putIfAbsent(text, distinct.size());
            }
        }
        float[][] embedded = encoder.encode(new ArrayList<>(distinct.keySet()), chunkSize);
        List<float[][]> columns = new ArrayList<>(batch.columns().size());
        for (List<String> column : batch.columns()) {
            float[][] rows = new float[column.size()][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = embedded[distinct.get(column.get(i))];
            }
            columns.add(rows);
        }
        return new GuideEmbeddings(columns);
    }

    /**
     * On the first call only: logs a warning when the student's embeddings of the anchors look like the guide's.
     *
     * @param studentAnchors the student's {@code (rows, dim)} embeddings of the batch's anchors
     * @param guide the guide's embeddings of the same batch
     */
    void warnOnceIfStudentLooksLikeGuide(NDArray studentAnchors, GuideEmbeddings guide) {
        if (checked) {
            return;
        }
        checked = true;
        double cosine = meanRowCosine(rows(studentAnchors), guide.column(0));
        if (cosine > SAME_MODEL_COSINE) {
            LOG.warn("gist: the guide '{}' looks like the model being trained (their embeddings of the first batch's"
                    + " anchors have mean cosine {}); GIST then drops only the negatives the model already ranks"
                    + " above the positive, not the false negatives a different, stronger guide would find:"
                    + " consider another guide", name, String.format("%.3f", cosine));
        }
    }

    /** A {@code (rows, dim)} array as Java rows. */
    private static float[][] rows(NDArray matrix) {
        int rows = (int) matrix.getShape().get(0);
        int width = (int) matrix.getShape().get(1);
        float[] flat = matrix.toFloatArray();
        float[][] result = new float[rows][width];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(flat, i * width, result[i], 0, width);
        }
        return result;
    }

    /** Mean over rows of cos(student_i, guide_i); 0 when the widths differ (then they are different models). */
    static double meanRowCosine(float[][] student, float[][] guide) {
        if (student.length == 0 || student.length != guide.length || student[0].length != guide[0].length) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i < student.length; i++) {
            double dot = 0;
            double ss = 0;
            double gg = 0;
            for (int d = 0; d < student[i].length; d++) {
                dot += (double) student[i][d] * guide[i][d];
                ss += (double) student[i][d] * student[i][d];
                gg += (double) guide[i][d] * guide[i][d];
            }
            sum += dot / Math.max(Math.sqrt(ss * gg), 1e-12);
        }
        return sum / student.length;
    }

    @Override
    public String toString() {
        return name;
    }
}
