package dev.contrastive4j.testkit;

import java.util.function.ToDoubleFunction;

/**
 * Gradients of a double-precision function by the five-point central difference
 * {@code f'(x) ≈ (8(f(x+h) − f(x−h)) − (f(x+2h) − f(x−2h))) / 12h}, whose truncation error is of order h⁴: with
 * the default h = 1e-4 it lies far below the 1e-6 relative that loss tests hold gradients to. The function must
 * be smooth within 2h of the point: keep test data away from hinges and the kinks of absolute values.
 */
public final class FiniteDifferences {

    /** The default step h. */
    public static final double STEP = 1e-4;

    private FiniteDifferences() {
    }

    /**
     * ∂f/∂x for every entry of {@code x}, with step {@link #STEP}.
     *
     * @param f the function, evaluated in double precision; it must not keep or change its argument
     * @param x the point, {@code [column][row][component]}; entries are moved and restored during the call
     * @return the gradient, in the same layout
     */
    public static double[][][] gradient(ToDoubleFunction<double[][][]> f, double[][][] x) {
        return gradient(f, x, STEP);
    }

    /**
     * ∂f/∂x for every entry of {@code x}.
     *
     * @param f the function, evaluated in double precision; it must not keep or change its argument
     * @param x the point, {@code [column][row][component]}; entries are moved and restored during the call
     * @param step h
     * @return the gradient, in the same layout
     */
    public static double[][][] gradient(ToDoubleFunction<double[][][]> f, double[][][] x, double step) {
        double[][][] gradient = new double[x.length][][];
        for (int c = 0; c < x.length; c++) {
            gradient[c] = new double[x[c].length][];
            for (int r = 0; r < x[c].length; r++) {
                gradient[c][r] = new double[x[c][r].length];
                for (int k = 0; k < x[c][r].length; k++) {
                    double original = x[c][r][k];
                    double plus1 = at(f, x, c, r, k, original + step);
                    double minus1 = at(f, x, c, r, k, original - step);
                    double plus2 = at(f, x, c, r, k, original + 2 * step);
                    double minus2 = at(f, x, c, r, k, original - 2 * step);
                    x[c][r][k] = original;
                    gradient[c][r][k] = (8 * (plus1 - minus1) - (plus2 - minus2)) / (12 * step);
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
