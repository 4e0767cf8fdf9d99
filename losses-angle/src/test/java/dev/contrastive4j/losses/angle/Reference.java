package dev.contrastive4j.losses.angle;

import java.util.function.ToDoubleFunction;

/**
 * The three losses written out in plain double precision, straight from their formulas, and central finite
 * differences for their gradients: the independent reference the NDArray code is checked against.
 *
 * <p>Embeddings are {@code double[rows][dimension]}; {@code u[i]} is paired with {@code v[i]}.
 */
final class Reference {

    private Reference() {
    }

    static double dot(double[] x, double[] y) {
        double sum = 0;
        for (int k = 0; k < x.length; k++) {
            sum += x[k] * y[k];
        }
        return sum;
    }

    static double norm(double[] x) {
        return Math.sqrt(dot(x, x));
    }

    static double cosine(double[] x, double[] y) {
        return dot(x, y) / (norm(x) * norm(y));
    }

    /**
     * sentence-transformers' {@code pairwise_angle_sim} step by step: pad an odd dimension with a zero, split
     * into real and imaginary halves, divide element-wise by {@code y} with the squared modulus summed over the
     * vector, divide by {@code ‖x‖ / ‖y‖}, and take the absolute value of the sum of all parts.
     */
    static double angle(double[] x, double[] y) {
        if (x.length % 2 != 0) {
            x = java.util.Arrays.copyOf(x, x.length + 1);
            y = java.util.Arrays.copyOf(y, y.length + 1);
        }
        int half = x.length / 2;
        double z = 0;
        double xx = 0;
        for (int k = 0; k < half; k++) {
            z += y[k] * y[k] + y[half + k] * y[half + k];
            xx += x[k] * x[k] + x[half + k] * x[half + k];
        }
        double dz = Math.sqrt(xx);
        double dw = Math.sqrt(z);
        double sum = 0;
        for (int k = 0; k < half; k++) {
            double a = x[k];
            double b = x[half + k];
            double c = y[k];
            double d = y[half + k];
            double re = (a * c + b * d) / z / (dz / dw);
            double im = (b * c - a * d) / z / (dz / dw);
            sum += re + im;
        }
        return Math.abs(sum);
    }

    /** log(1 + Σ_{y_i < y_j} exp(s_i − s_j)) with s = scale × similarity, summed naively (small inputs only). */
    static double ranking(double[] similarities, double[] scores, double scale) {
        double sum = 1;
        for (int i = 0; i < similarities.length; i++) {
            for (int j = 0; j < similarities.length; j++) {
                if (scores[i] < scores[j]) {
                    sum += Math.exp(scale * similarities[i] - scale * similarities[j]);
                }
            }
        }
        return Math.log(sum);
    }

    static double cosent(double[][] u, double[][] v, double[] scores, double scale) {
        double[] s = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            s[i] = cosine(u[i], v[i]);
        }
        return ranking(s, scores, scale);
    }

    static double angleLoss(double[][] u, double[][] v, double[] scores, double scale) {
        double[] s = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            s[i] = angle(u[i], v[i]);
        }
        return ranking(s, scores, scale);
    }

    static double cosineMse(double[][] u, double[][] v, double[] scores) {
        double sum = 0;
        for (int i = 0; i < u.length; i++) {
            double error = cosine(u[i], v[i]) - scores[i];
            sum += error * error;
        }
        return sum / u.length;
    }

    /** Scored pairs as plain arrays: {@code u[i]} with {@code v[i]}, gold score {@code scores[i]}. */
    record Pairs(double[][] u, double[][] v, double[] scores) {
    }

    /**
     * The scored pairs a batch of triplets stands for ({@code columns}: anchor, positive, negatives…): every
     * anchor with its positive (score 1), then every anchor with each of its negatives (score 0). The losses do
     * not depend on the order of the pairs.
     */
    static Pairs fromTriplets(double[][][] columns) {
        int rows = columns[0].length;
        int pairs = rows * (columns.length - 1);
        double[][] u = new double[pairs][];
        double[][] v = new double[pairs][];
        double[] scores = new double[pairs];
        int i = 0;
        for (int candidate = 1; candidate < columns.length; candidate++) {
            for (int r = 0; r < rows; r++) {
                u[i] = columns[0][r];
                v[i] = columns[candidate][r];
                scores[i] = candidate == 1 ? 1.0 : 0.0;
                i++;
            }
        }
        return new Pairs(u, v, scores);
    }

    /**
     * Central differences {@code (f(x + h) − f(x − h)) / 2h} of {@code f} with respect to every entry of
     * {@code columns[c]}, which the function reads; the entries are restored afterwards.
     */
    static double[][][] gradient(double[][][] columns, ToDoubleFunction<double[][][]> f) {
        double h = 1e-6;
        double[][][] gradient = new double[columns.length][][];
        for (int c = 0; c < columns.length; c++) {
            gradient[c] = new double[columns[c].length][columns[c][0].length];
            for (int r = 0; r < columns[c].length; r++) {
                for (int k = 0; k < columns[c][r].length; k++) {
                    double original = columns[c][r][k];
                    columns[c][r][k] = original + h;
                    double plus = f.applyAsDouble(columns);
                    columns[c][r][k] = original - h;
                    double minus = f.applyAsDouble(columns);
                    columns[c][r][k] = original;
                    gradient[c][r][k] = (plus - minus) / (2 * h);
                }
            }
        }
        return gradient;
    }
}
