package com.example.marginranking;

/**
 * The loss written out in plain double-precision Java, loop by loop as the formula reads: the independent
 * reference the NDArray implementation is checked against (its gradient comes from the test kit's
 * {@code FiniteDifferences}).
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
}
