package dev.contrastive4j.converters.wordnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefinitionSplitTest {

    private static final int DEFINITIONS = 20_000;

    @Test
    void splitsAboutNinetyFiveFive() {
        DefinitionSplit rule = new DefinitionSplit(42);
        Map<Split, Integer> counts = new EnumMap<>(Split.class);
        for (int i = 0; i < DEFINITIONS; i++) {
            counts.merge(rule.of("definition number " + i), 1, Integer::sum);
        }

        // Binomial standard deviations: 42 for train (p = 0.9), 31 for dev and test (p = 0.05); allow about 5.
        assertThat(counts.get(Split.TRAIN)).isBetween(17_800, 18_200);
        assertThat(counts.get(Split.DEV)).isBetween(850, 1_150);
        assertThat(counts.get(Split.TEST)).isBetween(850, 1_150);
    }

    @Test
    void aDefinitionAlwaysFallsInTheSameSplit() {
        for (int i = 0; i < 1_000; i++) {
            String definition = "definition number " + i;
            assertThat(new DefinitionSplit(42).of(definition)).isEqualTo(new DefinitionSplit(42).of(definition));
        }
    }

    @Test
    void anotherSeedMovesSomeDefinitions() {
        int moved = 0;
        for (int i = 0; i < 1_000; i++) {
            String definition = "definition number " + i;
            if (new DefinitionSplit(42).of(definition) != new DefinitionSplit(43).of(definition)) {
                moved++;
            }
        }
        // Two independent assignments differ with probability 1 - (0.81 + 0.0025 + 0.0025) = 0.185.
        assertThat(moved).isBetween(120, 250);
    }

    @Test
    void trainSeesOnlyTrainAndEvaluationSplitsSeeThemselvesAndTrain() {
        assertThat(DefinitionSplit.admitsNegative(Split.TRAIN, Split.TRAIN)).isTrue();
        assertThat(DefinitionSplit.admitsNegative(Split.TRAIN, Split.DEV)).isFalse();
        assertThat(DefinitionSplit.admitsNegative(Split.TRAIN, Split.TEST)).isFalse();

        assertThat(DefinitionSplit.admitsNegative(Split.DEV, Split.DEV)).isTrue();
        assertThat(DefinitionSplit.admitsNegative(Split.DEV, Split.TRAIN)).isTrue();
        assertThat(DefinitionSplit.admitsNegative(Split.DEV, Split.TEST)).isFalse();

        assertThat(DefinitionSplit.admitsNegative(Split.TEST, Split.TEST)).isTrue();
        assertThat(DefinitionSplit.admitsNegative(Split.TEST, Split.TRAIN)).isTrue();
        assertThat(DefinitionSplit.admitsNegative(Split.TEST, Split.DEV)).isFalse();
    }
}
