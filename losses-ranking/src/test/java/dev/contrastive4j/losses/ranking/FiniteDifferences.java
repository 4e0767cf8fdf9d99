package dev.contrastive4j.losses.ranking;

import java.util.function.ToDoubleFunction;

/**
 * Gradients of a double-precision function by the five-point central difference
 * {@code f'(x) ≈ (8(f(x+h) − f(x−h)) − (f(x+2h) − f(x−2h))) / 12h}, whose error is of order h⁴:
 * with h = 1e-4 that is far below the 1e-6 the comparisons need. The function must be smooth within 2h of
 * the point (tests keep data away from hinges and absolute values' kinks).
 */
final class FiniteDifferences {

    private static final double STEP = 1e-4;

    private FiniteDifferences() {
    }

    /** ∂f/∂x for every entry of {@code x}, in the same {@code [column][row][k]} layout. */
    static double[][][] gradient(ToDoubleFunction<double[][][]> f, double[][][] x) {
        double[][][] gradient = new double[x.length][][];
        for (int c = 0; c < x.length; c++) {
            gradient[c] = new double[x[c].length][];
            for (int r = 0; r < x[c].length; r++) {
                gradient[c][r] = new double[x[c][r].length];
                for (int k = 0; k < x[c][r].length; k++) {
                    double original = x[c][r][k];
                    double plus1 = at(f, x, c, r, k, original + STEP);
                    double minus1 = at(f, x, c, r, k, original - STEP);
                    double plus2 = at(f, x, c, r, k, original + 2 * STEP);
                    double minus2 = at(f, x, c, r, k, original - 2 * STEP);
                    x[c][r][k] = original;
                    gradient[c][r][k] = (8 * (plus1 - minus1) - (plus2 - minus2)) / (12 * STEP);
                }
            }
        }
        return gradient;
    }

    private static double at(ToDoubleFunction<double[][][]> f, double[][][] x, int c, int r, int k, double value) {
        x[c][r][k] = value;
        return f.applyAsDouble(x);
    }
}
