package dev.contrastive4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The dropout-seed rule of {@link LossContext}, as {@link GradCache} applies it. */
class GradCacheSeedRuleTest {

    @Test
    void firstMiniBatchOfAColumnTakesTheUncachedPassSeed() {
        long stepSeed = 8_675_309L;
        for (int column = 0; column < 4; column++) {
            assertThat(GradCache.dropoutSeed(stepSeed, column, 0)).isEqualTo(stepSeed + column);
        }
    }

    @Test
    void noTwoPassesOfAStepOrOfNeighbouringStepsShareASeed() {
        Set<Long> seeds = new HashSet<>();
        int passes = 0;
        for (long stepSeed = 1000; stepSeed < 1010; stepSeed++) {
            for (int column = 0; column < 5; column++) {
                for (int miniBatch = 1; miniBatch < 40; miniBatch++) {
                    seeds.add(GradCache.dropoutSeed(stepSeed, column, miniBatch));
                    passes++;
                }
            }
        }
        assertThat(seeds).hasSize(passes);
        // Mixed seeds do not land on the small neighbourhood that first mini-batches take.
        assertThat(seeds).noneMatch(s -> s >= 1000 && s < 1020);
    }

    @Test
    void miniBatchSizeBelowOneIsRefusedNamingTheLoss() {
        assertThatThrownBy(() -> GradCache.withMiniBatches(0, "cmnrl"))
                .isInstanceOf(ContrastiveException.class)
                .hasMessage("cmnrl: mini_batch_size must be >= 1, got 0");
    }
}
