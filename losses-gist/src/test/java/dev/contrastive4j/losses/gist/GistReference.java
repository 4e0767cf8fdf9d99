package dev.contrastive4j.losses.gist;

import java.util.ArrayList;
import java.util.List;

/**
 * GISTEmbed written out in plain double-precision Java, independently of the loss code: the loss and its
 * gradient with respect to every student embedding, derived by hand.
 *
 * <p>With {@code x̂ = x / ‖x‖}, {@code cos(x, y) = x̂·ŷ} and {@code ∂cos/∂x = (ŷ − cos · x̂) / ‖x‖}. With logits
 * {@code z_ij = cos_ij / τ} (masked entries absent) and {@code L = (1/n) Σ_i (log Σ_j exp z_ij − z_ii)}:
 * {@code ∂L/∂z_ij = (softmax_ij − [j = target]) / n}.
 */
final class GistReference {

    /** The loss, the gradient per column, row and coordinate, and which candidates were dropped. */
    record Result(double loss, double[][][] gradient, List<boolean[]> dropped) {
    }

    /** Columns of one block: rows come from {@code rowColumn}, candidates from {@code candidateColumn}. */
    private record Block(int rowColumn, int candidateColumn, boolean anchorPositive) {
    }

    private GistReference() {
    }

    /**
     * @param student columns × rows × dimension (anchor, positive, negatives)
     * @param guide the guide's columns, same layout
     * @param relative whether the margin is relative ({@code t − |t|·m}) rather than absolute ({@code t − m})
     */
    static Result compute(double[][][] student, double[][][] guide, double temperature, boolean relative,
            double margin, boolean contrastAnchors, boolean contrastPositives) {
        int n = student[0].length;
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block(0, 1, true));
        if (contrastAnchors) {
            blocks.add(new Block(0, 0, false));
        }
        if (contrastPositives) {
            blocks.add(new Block(1, 1, false));
        }
        for (int c = 2; c < student.length; c++) {
            blocks.add(new Block(0, c, false));
        }
        double[][][] gradient = new double[student.length][n][student[0][0].length];
        List<boolean[]> droppedRows = new ArrayList<>();
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double threshold = cosine(guide[0][i], guide[1][i]);
            double bound = relative ? threshold - Math.abs(threshold) * margin : threshold - margin;
            int width = blocks.size() * n;
            double[] logits = new double[width];
            boolean[] dropped = new boolean[width];
            for (int b = 0; b < blocks.size(); b++) {
                Block block = blocks.get(b);
                for (int j = 0; j < n; j++) {
                    int k = b * n + j;
                    boolean target = block.anchorPositive() && j == i;
                    dropped[k] = !target && cosine(guide[block.rowColumn()][i], guide[block.candidateColumn()][j]) > bound;
                    logits[k] = cosine(student[block.rowColumn()][i], student[block.candidateColumn()][j]) / temperature;
                }
            }
            droppedRows.add(dropped);
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < width; k++) {
                if (!dropped[k]) {
                    max = Math.max(max, logits[k]);
                }
            }
            double sum = 0;
            for (int k = 0; k < width; k++) {
                if (!dropped[k]) {
                    sum += Math.exp(logits[k] - max);
                }
            }
            double logSumExp = max + Math.log(sum);
            loss += (logSumExp - logits[i]) / n;
            for (int b = 0; b < blocks.size(); b++) {
                Block block = blocks.get(b);
                for (int j = 0; j < n; j++) {
                    int k = b * n + j;
                    if (dropped[k]) {
                        continue;
                    }
                    double dLdz = (Math.exp(logits[k] - logSumExp) - (k == i ? 1 : 0)) / n;
                    double dLdcos = dLdz / temperature;
                    double[] x = student[block.rowColumn()][i];
                    double[] y = student[block.candidateColumn()][j];
                    addCosineGradient(gradient[block.rowColumn()][i], x, y, dLdcos);
                    addCosineGradient(gradient[block.candidateColumn()][j], y, x, dLdcos);
                }
            }
        }
        return new Result(loss, gradient, droppedRows);
    }

    /** {@code into += scale · ∂cos(x, y)/∂x}. */
    private static void addCosineGradient(double[] into, double[] x, double[] y, double scale) {
        double nx = Math.sqrt(dot(x, x));
        double ny = Math.sqrt(dot(y, y));
        double cos = dot(x, y) / (nx * ny);
        for (int d = 0; d < x.length; d++) {
            into[d] += scale * (y[d] / ny - cos * x[d] / nx) / nx;
        }
    }

    static double cosine(double[] x, double[] y) {
        return dot(x, y) / (Math.sqrt(dot(x, x)) * Math.sqrt(dot(y, y)));
    }

    private static double dot(double[] x, double[] y) {
        double sum = 0;
        for (int d = 0; d < x.length; d++) {
            sum += x[d] * y[d];
        }
        return sum;
    }
}
