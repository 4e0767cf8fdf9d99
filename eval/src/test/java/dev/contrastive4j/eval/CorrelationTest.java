package dev.contrastive4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CorrelationTest {

    @Test
    void pearsonOfTextbookExample() {
        // x = 1..5, y = 2 4 5 4 5: means 3 and 4; deviations (-2 -1 0 1 2) and (-2 0 1 0 1);
        // Σdxdy = 4 + 0 + 0 + 0 + 2 = 6, Σdx² = 10, Σdy² = 6, so r = 6 / √60.
        double[] x = {1, 2, 3, 4, 5};
        double[] y = {2, 4, 5, 4, 5};
        assertThat(Correlation.pearson(x, y)).isCloseTo(6 / Math.sqrt(60), within(1e-12));
    }

    @Test
    void pearsonIsOneForAnExactLineAndMinusOneForAFallingLine() {
        double[] x = {1, 2, 3, 4};
        assertThat(Correlation.pearson(x, new double[] {3, 5, 7, 9})).isEqualTo(1.0);
        assertThat(Correlation.pearson(x, new double[] {0, -2, -4, -6})).isEqualTo(-1.0);
    }

    @Test
    void spearmanOfWikipediaIqAndTelevisionExample() {
        // Wikipedia, "Spearman's rank correlation coefficient", Example: ten people's IQ and weekly hours of
        // television. No ties, so ρ = 1 − 6Σd²/(n(n² − 1)) with Σd² = 194: ρ = 1 − 1164/990 = −29/165.
        double[] iq = {106, 100, 86, 101, 99, 103, 97, 113, 112, 110};
        double[] hoursOfTv = {7, 27, 2, 50, 28, 29, 20, 12, 6, 17};
        assertThat(Correlation.spearman(iq, hoursOfTv)).isCloseTo(-29.0 / 165.0, within(1e-12));
    }

    @Test
    void spearmanWithTiesIsPearsonOfAverageRanks() {
        // The example of scipy.stats.spearmanr's documentation: spearmanr([1,2,3,4,5], [5,6,7,8,7]) = 0.82078…
        // By hand: y's two 7s share ranks 3 and 4, so y ranks as (1, 2, 3.5, 5, 3.5); x ranks as (1..5).
        // Both rank means are 3; deviations (-2 -1 0 1 2) and (-2 -1 0.5 2 0.5);
        // Σ = 4 + 1 + 0 + 2 + 1 = 8, Σdx² = 10, Σdy² = 4 + 1 + 0.25 + 4 + 0.25 = 9.5: ρ = 8 / √95.
        double[] x = {1, 2, 3, 4, 5};
        double[] y = {5, 6, 7, 8, 7};
        double rho = Correlation.spearman(x, y);
        assertThat(rho).isCloseTo(8 / Math.sqrt(95), within(1e-12));
        // The no-ties shortcut would give 1 − 6 × 3.5 / 120 = 0.825 here (d = 0 0 0.5 1 −1.5): not what we want.
        assertThat(rho).isNotCloseTo(0.825, within(1e-3));
    }

    @Test
    void tiedValuesShareTheMeanOfTheirRanks() {
        assertThat(Correlation.averageRanks(new double[] {10, 20, 20, 30})).containsExactly(1, 2.5, 2.5, 4);
        assertThat(Correlation.averageRanks(new double[] {5, 1, 5, 5, 0})).containsExactly(4, 2, 4, 4, 1);
        assertThat(Correlation.averageRanks(new double[] {-0.0, 0.0})).containsExactly(1.5, 1.5);
    }

    @Test
    void spearmanSeesAMonotoneCurveAsPerfectWherePearsonDoesNot() {
        double[] x = {1, 2, 3, 4, 5};
        double[] cubes = {1, 8, 27, 64, 125};
        assertThat(Correlation.spearman(x, cubes)).isEqualTo(1.0);
        assertThat(Correlation.pearson(x, cubes)).isLessThan(0.99);
    }

    @Test
    void aConstantSeriesHasNoCorrelation() {
        double[] x = {1, 2, 3};
        double[] constant = {0.5, 0.5, 0.5};
        assertThat(Correlation.pearson(x, constant)).isNaN();
        assertThat(Correlation.spearman(constant, x)).isNaN();
    }

    @Test
    void seriesMustBePairedAndHaveTwoValues() {
        assertThatThrownBy(() -> Correlation.pearson(new double[] {1, 2}, new double[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lengths 2 and 3");
        assertThatThrownBy(() -> Correlation.spearman(new double[] {1}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least two");
        assertThatThrownBy(() -> Correlation.averageRanks(new double[] {1, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("value 1 is NaN");
    }
}
