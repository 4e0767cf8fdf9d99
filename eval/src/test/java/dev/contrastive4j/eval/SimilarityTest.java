package dev.contrastive4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SimilarityTest {

    private static final float[] A = {3, 4};
    private static final float[] B = {4, -3};
    private static final float[] C = {6, 8};

    @Test
    void eachSimilarityByHand() {
        // A·C = 18 + 32 = 50, |A| = 5, |C| = 10; A − C = (−3, −4)
        assertThat(Similarity.COSINE.between(A, C)).isCloseTo(1.0, within(1e-12));
        assertThat(Similarity.DOT.between(A, C)).isEqualTo(50.0);
        assertThat(Similarity.EUCLIDEAN.between(A, C)).isEqualTo(-5.0);
        assertThat(Similarity.MANHATTAN.between(A, C)).isEqualTo(-7.0);
        // A ⟂ B; A − B = (−1, 7)
        assertThat(Similarity.COSINE.between(A, B)).isEqualTo(0.0);
        assertThat(Similarity.EUCLIDEAN.between(A, B)).isCloseTo(-Math.sqrt(50), within(1e-12));
        assertThat(Similarity.MANHATTAN.between(A, B)).isEqualTo(-8.0);
    }

    @Test
    void dotProductOfLongVectorsCountsEveryComponent() {
        float[] ones = new float[7];
        float[] counting = new float[7];
        for (int i = 0; i < 7; i++) {
            ones[i] = 1;
            counting[i] = i + 1;
        }
        assertThat(Similarity.DOT.between(ones, counting)).isEqualTo(28.0); // 1 + … + 7, tail past the 4-wide loop
    }

    @Test
    void zeroVectorHasCosineZeroNotNaN() {
        assertThat(Similarity.COSINE.between(new float[] {0, 0}, A)).isEqualTo(0.0);
    }

    @Test
    void keysAreTheNamesUsedInMetrics() {
        assertThat(Similarity.COSINE.key()).isEqualTo("cosine");
        assertThat(Similarity.DOT.key()).isEqualTo("dot");
        assertThat(Similarity.EUCLIDEAN.key()).isEqualTo("euclidean");
        assertThat(Similarity.MANHATTAN.key()).isEqualTo("manhattan");
    }

    @Test
    void differentLengthsAreRejected() {
        assertThatThrownBy(() -> Similarity.DOT.between(A, new float[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lengths 2 and 3");
    }
}
