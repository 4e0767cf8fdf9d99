package dev.contrastive4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.EmbeddingLoss;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The one-step runner returns the value and gradient derived by hand, and the finite-difference check passes a
 * correct gradient and catches a wrong one.
 */
class GradientCheckTest {

    /** L = Σ_i (a_i · p_i)²: ∂L/∂a_i = 2 (a_i · p_i) p_i and ∂L/∂p_i = 2 (a_i · p_i) a_i. */
    private static final EmbeddingLoss SQUARED_DOTS = batch -> {
        NDArray dots = batch.column(0).mul(batch.column(1)).sum(new int[] {1});
        return dots.mul(dots).sum();
    };

    /**
     * The same value, but one factor is cut off the graph: autograd then sees L = Σ d_i · const and reports half
     * the true gradient, the kind of bug a loss with a hand-written detach has.
     */
    private static final EmbeddingLoss HALF_GRADIENT = batch -> {
        NDArray dots = batch.column(0).mul(batch.column(1)).sum(new int[] {1});
        return dots.mul(dots.stopGradient()).sum();
    };

    private final double[][][] columns = {gaussian(new Random(5), 3, 4), gaussian(new Random(6), 3, 4)};

    @Test
    void oneStepReturnsTheHandDerivedValueAndGradient() {
        LossStep.Result run = LossStep.onEmbeddings(SQUARED_DOTS, DataFormat.PAIR, columns);

        double expected = 0;
        for (int i = 0; i < 3; i++) {
            double dot = dot(columns[0][i], columns[1][i]);
            expected += dot * dot;
            for (int k = 0; k < 4; k++) {
                assertThat(run.gradient()[0][i][k]).isCloseTo(2 * dot * columns[1][i][k], within(1e-12));
                assertThat(run.gradient()[1][i][k]).isCloseTo(2 * dot * columns[0][i][k], within(1e-12));
            }
        }
        assertThat(run.value()).isCloseTo(expected, within(1e-12));
    }

    @Test
    void finiteDifferencesOfAKnownFunctionMatchItsDerivative() {
        // f(x) = Σ x³, f'(x) = 3x²; the five-point rule is exact for cubics up to rounding.
        double[][][] x = {{{0.5, -1.25}, {2.0, 0.1}}};
        double[][][] gradient = FiniteDifferences.gradient(values -> {
            double sum = 0;
            for (double[] row : values[0]) {
                for (double v : row) {
                    sum += v * v * v;
                }
            }
            return sum;
        }, x);
        assertThat(gradient[0][0][0]).isCloseTo(0.75, within(1e-9));
        assertThat(gradient[0][0][1]).isCloseTo(4.6875, within(1e-9));
        assertThat(gradient[0][1][0]).isCloseTo(12.0, within(1e-9));
        assertThat(gradient[0][1][1]).isCloseTo(0.03, within(1e-9));
        assertThat(x[0][0][0]).as("the point is restored").isEqualTo(0.5);
    }

    @Test
    void aCorrectGradientPassesTheCheck() {
        assertThat(GradientCheck.relativeDeviation(SQUARED_DOTS, DataFormat.PAIR, columns, null)).isLessThan(1e-8);
        GradientCheck.assertMatchesFiniteDifferences(SQUARED_DOTS, DataFormat.PAIR, columns);
    }

    @Test
    void aWrongGradientIsCaught() {
        assertThat(LossStep.onEmbeddings(HALF_GRADIENT, DataFormat.PAIR, columns).value())
                .as("same value as the correct loss")
                .isCloseTo(LossStep.onEmbeddings(SQUARED_DOTS, DataFormat.PAIR, columns).value(), within(1e-12));
        assertThat(GradientCheck.relativeDeviation(HALF_GRADIENT, DataFormat.PAIR, columns, null))
                .as("autograd reports half the gradient").isCloseTo(0.5, within(1e-6));
        assertThatThrownBy(() -> GradientCheck.assertMatchesFiniteDifferences(HALF_GRADIENT, DataFormat.PAIR, columns))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("deviates from central finite differences by 0.49999");
    }

    private static double dot(double[] x, double[] y) {
        double sum = 0;
        for (int k = 0; k < x.length; k++) {
            sum += x[k] * y[k];
        }
        return sum;
    }

    private static double[][] gaussian(Random random, int rows, int dimension) {
        double[][] values = new double[rows][dimension];
        for (double[] row : values) {
            for (int k = 0; k < dimension; k++) {
                row[k] = random.nextGaussian();
            }
        }
        return values;
    }
}
