package dev.contrastive4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PairedBootstrapTest {

    private static double[] bernoulli(int n, double p, Random random) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextDouble() < p ? 1 : 0;
        }
        return values;
    }

    @Test
    void aKnownDifferenceIsFoundAndItsIntervalExcludesZero() {
        // Two models on 2,000 items: 80 % and 70 % right, independently. The true difference is 0.10; the
        // standard error of the mean paired difference is sqrt((0.8*0.2 + 0.7*0.3) / 2000) = 0.0136, so a 95 %
        // interval is about ±0.027 around the observed difference.
        Random random = new Random(1);
        double[] a = bernoulli(2000, 0.8, random);
        double[] b = bernoulli(2000, 0.7, random);

        PairedBootstrap.Interval interval = PairedBootstrap.withSeed(7).difference(a, b);

        assertThat(interval.difference()).isCloseTo(mean(a) - mean(b), within(1e-12));
        assertThat(interval.difference()).isCloseTo(0.10, within(0.04));
        assertThat(interval.lower()).isLessThan(interval.difference());
        assertThat(interval.upper()).isGreaterThan(interval.difference());
        assertThat(interval.excludesZero()).isTrue();
        assertThat(interval.lower()).isGreaterThan(0);
        double standardError = Math.sqrt((0.8 * 0.2 + 0.7 * 0.3) / 2000);
        assertThat(interval.upper() - interval.lower()).isCloseTo(2 * 1.96 * standardError,
                within(0.2 * 2 * 1.96 * standardError));
        assertThat(interval.items()).isEqualTo(2000);
        assertThat(interval.confidence()).isEqualTo(0.95);
    }

    @Test
    void twoModelsOfEqualQualityGiveAnIntervalAroundZero() {
        // Same distribution (75 % right) for both: no real difference.
        Random random = new Random(2);
        double[] a = bernoulli(2000, 0.75, random);
        double[] b = bernoulli(2000, 0.75, random);

        PairedBootstrap.Interval interval = PairedBootstrap.withSeed(7).difference(a, b);

        assertThat(interval.excludesZero()).isFalse();
        assertThat(interval.lower()).isNegative();
        assertThat(interval.upper()).isPositive();
        assertThat(Math.abs(interval.difference())).isLessThan(0.03);
    }

    @Test
    void pairingRemovesTheItemsOwnDifficulty() {
        // Model a gets every item b gets, plus 30 more out of 1,000: a consistent +0.03. Unpaired, two 0/1
        // series near 50 % have a standard error near 0.022, so +0.03 would not stand out; paired, every d_i is
        // 0 or 1 with mean 0.03, standard error sqrt(0.03 * 0.97 / 1000) = 0.0054, and it does.
        double[] b = new double[1000];
        double[] a = new double[1000];
        for (int i = 0; i < 1000; i++) {
            b[i] = i % 2;
            a[i] = b[i] == 1 || i < 60 ? 1 : 0; // the 30 even items below 60 turn right
        }

        PairedBootstrap.Interval interval = PairedBootstrap.withSeed(3).difference(a, b);

        assertThat(interval.difference()).isCloseTo(0.03, within(1e-12));
        assertThat(interval.excludesZero()).isTrue();
    }

    @Test
    void identicalModelsGiveAZeroWidthInterval() {
        double[] a = {1, 0, 1, 1, 0};

        PairedBootstrap.Interval interval = PairedBootstrap.withSeed(1).difference(a, a.clone());

        assertThat(interval.difference()).isZero();
        assertThat(interval.lower()).isZero();
        assertThat(interval.upper()).isZero();
        assertThat(interval.excludesZero()).isFalse();
    }

    @Test
    void theSameSeedGivesTheSameInterval() {
        Random random = new Random(4);
        double[] a = bernoulli(300, 0.6, random);
        double[] b = bernoulli(300, 0.5, random);

        assertThat(PairedBootstrap.withSeed(9).difference(a, b)).isEqualTo(PairedBootstrap.withSeed(9).difference(a, b));
    }

    @Test
    void unpairedOrEmptyInputsAreRefused() {
        PairedBootstrap bootstrap = PairedBootstrap.withSeed(1);

        assertThatThrownBy(() -> bootstrap.difference(new double[3], new double[4]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 vs 4");
        assertThatThrownBy(() -> bootstrap.difference(new double[0], new double[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one item");
        assertThatThrownBy(() -> new PairedBootstrap(10, 0.95, 1)).hasMessageContaining("at least 100");
        assertThatThrownBy(() -> new PairedBootstrap(1000, 1.0, 1)).hasMessageContaining("(0, 1)");
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }
}
