package dev.contrastive4j.losses.ranking;

/**
 * The losses' formulas in plain double-precision Java, written from the formulas in the classes' Javadoc and
 * sharing no code with them: the independent side of every value and gradient comparison.
 *
 * <p>Embeddings are {@code double[column][row][k]}: column 0 anchors, 1 positives, 2… negatives.
 */
final class ReferenceLosses {

    private ReferenceLosses() {
    }

    /** MNRL: mean over anchors of logsumexp over all candidates minus the own positive's logit. */
    static double mnrl(double[][][] columns, double scale, boolean cosine, boolean symmetric) {
        double[][] anchors = columns[0];
        int n = anchors.length;
        int m = n * (columns.length - 1);
        double[][] candidates = new double[m][];
        for (int c = 1; c < columns.length; c++) {
            for (int r = 0; r < n; r++) {
                candidates[(c - 1) * n + r] = columns[c][r];
            }
        }
        double[][] z = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                z[i][j] = scale * (cosine ? cosine(anchors[i], candidates[j]) : dot(anchors[i], candidates[j]));
            }
        }
        double forward = 0;
        for (int i = 0; i < n; i++) {
            forward += logSumExp(z[i], m) - z[i][i];
        }
        forward /= n;
        if (!symmetric) {
            return forward;
        }
        double backward = 0;
        for (int j = 0; j < n; j++) {
            double[] column = new double[n];
            for (int i = 0; i < n; i++) {
                column[i] = z[i][j];
            }
            backward += logSumExp(column, n) - z[j][j];
        }
        backward /= n;
        return (forward + backward) / 2;
    }

    /** Triplet hinge: mean over rows of max(0, d(a, p) − d(a, n) + margin), first negative only. */
    static double triplet(double[][][] columns, String distance, double margin) {
        int n = columns[0].length;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double[] a = columns[0][i];
            double hinge = distance(distance, a, columns[1][i]) - distance(distance, a, columns[2][i]) + margin;
            sum += Math.max(0, hinge);
        }
        return sum / n;
    }

    /** The hinge argument d(a, p) − d(a, n) + margin of each row, to keep test data away from the kink. */
    static double[] tripletHingeArguments(double[][][] columns, String distance, double margin) {
        double[] result = new double[columns[0].length];
        for (int i = 0; i < result.length; i++) {
            double[] a = columns[0][i];
            result[i] = distance(distance, a, columns[1][i]) - distance(distance, a, columns[2][i]) + margin;
        }
        return result;
    }

    static double distance(String distance, double[] x, double[] y) {
        return switch (distance) {
            case "euclidean" -> {
                double s = 0;
                for (int k = 0; k < x.length; k++) {
                    s += (x[k] - y[k]) * (x[k] - y[k]);
                }
                yield Math.sqrt(Math.max(s, 1e-12));
            }
            case "cosine" -> 1 - cosine(x, y);
            case "manhattan" -> {
                double s = 0;
                for (int k = 0; k < x.length; k++) {
                    s += Math.abs(x[k] - y[k]);
                }
                yield s;
            }
            default -> throw new IllegalArgumentException(distance);
        };
    }

    static double dot(double[] x, double[] y) {
        double s = 0;
        for (int k = 0; k < x.length; k++) {
            s += x[k] * y[k];
        }
        return s;
    }

    static double cosine(double[] x, double[] y) {
        return dot(x, y) / (Math.max(Math.sqrt(dot(x, x)), 1e-12) * Math.max(Math.sqrt(dot(y, y)), 1e-12));
    }

    /** log Σ exp(v_j) over the first {@code length} entries, shifted by the maximum so nothing overflows. */
    private static double logSumExp(double[] v, int length) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < length; j++) {
            max = Math.max(max, v[j]);
        }
        double s = 0;
        for (int j = 0; j < length; j++) {
            s += Math.exp(v[j] - max);
        }
        return max + Math.log(s);
    }
}
