package com.example.marginranking;

import java.util.function.ToDoubleFunction;

/**
 * The loss written out in plain double-precision Java, loop by loop as the formula reads, and its gradient by
 * central differences: the independent reference the NDArray implementation is checked against.
 */
final class ReferenceMarginRanking {

    private ReferenceMarginRanking() {
    }

    /** L for columns {@code [anchor, positive, negative_1 … negative_K][row][component]}. */
    static double loss(double[][][] columns, double margin, boolean inBatchNegatives) {
        double[][] anchors = columns[0];
        double[][] positives = columns[1];
        int rows = anchors.length;
        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < rows; i++) {
            double positive = cosine(anchors[i], positives[i]);
            for (int k = 2; k < columns.length; k++) {
                sum += Math.max(0, margin - positive + cosine(anchors[i], columns[k][i]));
                pairs++;
            }
            if (inBatchNegatives) {
                for (int j = 0; j < rows; j++) {
                    if (j != i) {
                        sum += Math.max(0, margin - positive + cosine(anchors[i], positives[j]));
                        pairs++;
                    }
                }
            }
        }
        return sum / pairs;
    }

    /** The smallest |m − s⁺ + s| over every pair: how far the data lies from the hinges' kinks. */
    static double distanceFromKinks(double[][][] columns, double margin, boolean inBatchNegatives) {
        double closest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < columns[0].length; i++) {
            double positive = cosine(columns[0][i], columns[1][i]);
            for (int k = 2; k < columns.length; k++) {
                closest = Math.min(closest, Math.abs(margin - positive + cosine(columns[0][i], columns[k][i])));
            }
            for (int j = 0; inBatchNegatives && j < columns[0].length; j++) {
                if (j != i) {
                    closest = Math.min(closest, Math.abs(margin - positive + cosine(columns[0][i], columns[1][j])));
                }
            }
        }
        return closest;
    }

    static double cosine(double[] x, double[] y) {
        double dot = 0;
        double xx = 0;
        double yy = 0;
        for (int d = 0; d < x.length; d++) {
            dot += x[d] * y[d];
            xx += x[d] * x[d];
            yy += y[d] * y[d];
        }
        return dot / (Math.sqrt(xx) * Math.sqrt(yy));
    }

    /**
     * ∂f/∂x by the five-point central difference (8(f(x+h) − f(x−h)) − (f(x+2h) − f(x−2h))) / 12h, whose error is
     * of order h⁴; f must be smooth within 2h of x.
     */
    static double[][][] numericGradient(ToDoubleFunction<double[][][]> f, double[][][] x) {
        double h = 1e-4;
        double[][][] gradient = new double[x.length][][];
        for (int c = 0; c < x.length; c++) {
            gradient[c] = new double[x[c].length][x[c][0].length];
            for (int r = 0; r < x[c].length; r++) {
                for (int d = 0; d < x[c][r].length; d++) {
                    double original = x[c][r][d];
                    double[] at = new double[4];
                    double[] offsets = {h, -h, 2 * h, -2 * h};
                    for (int o = 0; o < 4; o++) {
                        x[c][r][d] = original + offsets[o];
                        at[o] = f.applyAsDouble(x);
                    }
                    x[c][r][d] = original;
                    gradient[c][r][d] = (8 * (at[0] - at[1]) - (at[2] - at[3])) / (12 * h);
                }
            }
        }
        return gradient;
    }
}
