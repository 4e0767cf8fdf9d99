package dev.contrastive4j.encoder;

import dev.contrastive4j.engine.PyTorchRuntime;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pooling over a hand-made batch: row 0 has a padding token holding extreme values, row 1 has none. */
class PoolingTest {

    private NDManager manager;
    private NDArray tokens;
    private NDArray mask;

    @BeforeEach
    void batch() {
        manager = PyTorchRuntime.newManager();
        tokens = manager.create(new float[] {
            1, 2, 3, 4, 100, -100, // row 0: tokens (1,2), (3,4), padding (100,-100)
            -1, -2, -3, 5, 7, 8}, // row 1: three real tokens
                new Shape(2, 3, 2));
        mask = manager.create(new long[] {1, 1, 0, 1, 1, 1}, new Shape(2, 3));
    }

    @AfterEach
    void free() {
        manager.close();
    }

    @Test
    void meanAveragesOnlyRealTokens() {
        assertThat(pool(PoolingConfig.mean(2), false)).containsExactly(
                new float[] {2, 3, 1, 11f / 3}, within(1e-6f));
    }

    @Test
    void maxIgnoresPaddingEvenWhenPaddingHoldsTheLargestValue() {
        assertThat(pool(PoolingConfig.max(2), false)).containsExactly(new float[] {3, 4, 7, 8}, within(1e-6f));
    }

    @Test
    void clsTakesTheFirstToken() {
        assertThat(pool(PoolingConfig.cls(2), false)).containsExactly(new float[] {1, 2, -1, -2}, within(1e-6f));
    }

    @Test
    void severalModesConcatenateInSentenceTransformersOrder() {
        // cls, max, mean, sum/√count: row 0 sums (4, 6) over 2 tokens, row 1 sums (3, 11) over 3.
        float[] pooled = pool(new PoolingConfig(2, true, true, true, true), false);
        double r2 = Math.sqrt(2);
        double r3 = Math.sqrt(3);
        assertThat(pooled).containsExactly(new float[] {
            1, 2, 3, 4, 2, 3, (float) (4 / r2), (float) (6 / r2),
            -1, -2, 7, 8, 1, 11f / 3, (float) (3 / r3), (float) (11 / r3)}, within(1e-5f));
    }

    @Test
    void normalisationScalesToUnitLength() {
        // Row 0's mean (2, 3) has length √13; row 1's (1, 11/3) has length √(1 + 121/9) = √130 / 3.
        double n0 = Math.sqrt(13);
        double n1 = Math.sqrt(130) / 3;
        assertThat(pool(PoolingConfig.mean(2), true)).containsExactly(new float[] {
            (float) (2 / n0), (float) (3 / n0), (float) (1 / n1), (float) (11 / 3.0 / n1)}, within(1e-6f));
    }

    private float[] pool(PoolingConfig config, boolean normalize) {
        return new Pooling(config, normalize).pool(tokens, mask).toFloatArray();
    }
}
