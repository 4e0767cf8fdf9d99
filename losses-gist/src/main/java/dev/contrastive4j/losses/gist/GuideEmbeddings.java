package dev.contrastive4j.losses.gist;

import dev.contrastive4j.spi.ContrastiveException;
import java.util.ArrayList;
import java.util.List;

/**
 * The guide model's embeddings of one batch, column by column (anchor, positive, negatives), as plain arrays:
 * the guide only decides which candidates to drop, so nothing here needs a graph. Cosine similarities are
 * computed in double precision in one fixed order, so that equal embeddings give exactly equal similarities
 * (a text paired with itself ties with its own threshold instead of missing it by rounding).
 */
public final class GuideEmbeddings {

    private static final double NORM_FLOOR = 1e-12;

    private final List<float[][]> columns;
    private final List<double[]> norms;
    private final int rows;

    /**
     * @param columns one {@code rows × dimension} array per column, all with the same number of rows and width
     * @throws ContrastiveException if the columns disagree in shape
     */
    public GuideEmbeddings(List<float[][]> columns) {
        if (columns.isEmpty()) {
            throw new ContrastiveException("guide embeddings: expected at least one column, got none");
        }
        this.columns = List.copyOf(columns);
        this.rows = columns.get(0).length;
        int width = rows == 0 ? 0 : columns.get(0)[0].length;
        this.norms = new ArrayList<>(columns.size());
        for (int c = 0; c < columns.size(); c++) {
            float[][] column = columns.get(c);
            if (column.length != rows) {
                throw new ContrastiveException("guide embeddings: expected " + rows + " rows in every column, got "
                        + column.length + " in column " + c);
            }
            double[] columnNorms = new double[rows];
            for (int i = 0; i < rows; i++) {
                if (column[i].length != width) {
                    throw new ContrastiveException("guide embeddings: expected width " + width + ", got "
                            + column[i].length + " in column " + c + ", row " + i);
                }
                columnNorms[i] = Math.max(Math.sqrt(dot(column[i], column[i])), NORM_FLOOR);
            }
            norms.add(columnNorms);
        }
    }

    /** Number of rows. */
    public int rows() {
        return rows;
    }

    /** Number of columns. */
    public int columnCount() {
        return columns.size();
    }

    /** One column's embeddings (not copied: do not modify). */
    public float[][] column(int index) {
        return columns.get(index);
    }

    /** Cosine similarity of row {@code i} of column {@code a} with row {@code j} of column {@code b}. */
    public double cosine(int a, int i, int b, int j) {
        return dot(columns.get(a)[i], columns.get(b)[j]) / (norms.get(a)[i] * norms.get(b)[j]);
    }

    private static double dot(float[] x, float[] y) {
        double sum = 0;
        for (int d = 0; d < x.length; d++) {
            sum += (double) x[d] * y[d];
        }
        return sum;
    }
}
