package dev.contrastive4j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** The CPU dropout masks: their rate, their independence of each other, and their reproducibility from a seed. */
class DropoutMasksTest {

    @Test
    void dropsEachElementWithTheGivenProbability() {
        try (NDManager manager = PyTorchRuntime.newManager()) {
            DropoutMasks.seed(1);
            int size = 3 * DropoutMasks.CHUNK + 5; // several chunks and a tail
            for (double rate : new double[] {0.1, 0.5, 0.0}) {
                NDArray keep = DropoutMasks.keep(manager, new Shape(size), rate);
                assertThat(keep.getDataType()).isEqualTo(DataType.BOOLEAN);
                double dropped = 1 - keep.toType(DataType.FLOAT64, false).mean().getDouble();
                double sigma = Math.sqrt(rate * (1 - rate) / size);
                assertThat(Math.abs(dropped - rate)).as("rate %s", rate).isLessThanOrEqualTo(5 * sigma);
            }
        }
    }

    @Test
    void neighboursAndChunksAreIndependent() {
        try (NDManager manager = PyTorchRuntime.newManager()) {
            DropoutMasks.seed(2);
            int size = 2 * DropoutMasks.CHUNK;
            boolean[] keep = toBooleans(DropoutMasks.keep(manager, new Shape(size), 0.5));
            // P(both dropped) of neighbours (same draw, two halves; and across the packing of eight) is 1/4.
            int pairs = 0;
            for (int i = 0; i + 1 < size; i++) {
                pairs += !keep[i] && !keep[i + 1] ? 1 : 0;
            }
            double expected = (size - 1) / 4.0;
            assertThat(Math.abs(pairs - expected)).isLessThan(5 * Math.sqrt(expected));
            // The two chunks are not copies of each other.
            int same = 0;
            for (int i = 0; i < DropoutMasks.CHUNK; i++) {
                same += keep[i] == keep[i + DropoutMasks.CHUNK] ? 1 : 0;
            }
            assertThat(Math.abs(same - DropoutMasks.CHUNK / 2.0)).isLessThan(5 * Math.sqrt(DropoutMasks.CHUNK / 4.0));
        }
    }

    @Test
    void theSameSeedGivesTheSameMasksInTheSameOrder() {
        try (NDManager manager = PyTorchRuntime.newManager()) {
            Shape shape = new Shape(4, 1000);
            DropoutMasks.seed(42);
            boolean[] first = toBooleans(DropoutMasks.keep(manager, shape, 0.1));
            boolean[] second = toBooleans(DropoutMasks.keep(manager, shape, 0.1));
            DropoutMasks.seed(42);
            assertThat(toBooleans(DropoutMasks.keep(manager, shape, 0.1))).containsExactly(first);
            assertThat(toBooleans(DropoutMasks.keep(manager, shape, 0.1))).containsExactly(second);
            assertThat(second).isNotEqualTo(first);
            DropoutMasks.seed(43);
            assertThat(toBooleans(DropoutMasks.keep(manager, shape, 0.1))).isNotEqualTo(first);
        }
    }

    @Test
    void refusesRatesOutsideZeroToOne() {
        try (NDManager manager = PyTorchRuntime.newManager()) {
            assertThatThrownBy(() -> DropoutMasks.keep(manager, new Shape(2), 1.0))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> DropoutMasks.keep(manager, new Shape(2), -0.1))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static boolean[] toBooleans(NDArray mask) {
        return mask.toBooleanArray();
    }
}
