package dev.contrastive4j.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrastive4j.expression.LossExpressionException;
import dev.contrastive4j.expression.LossSpec;
import dev.contrastive4j.expression.WeightedLoss;
import dev.contrastive4j.plugin.TestPlugins.RankingLikePlugin;
import dev.contrastive4j.spi.ParameterType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The expression language's wrapped losses and list values, as {@code matryoshka(…)} uses them. */
class MatryoshkaExpressionTest {

    private static final PluginRegistry REGISTRY = PluginRegistry.of(List.of(new RankingLikePlugin()));

    @Test
    void theCoreListsMatryoshkaWithItsListParameters() {
        var descriptor = REGISTRY.loss("MatryoshkaLoss").descriptor();

        assertThat(descriptor.name()).isEqualTo("matryoshka");
        assertThat(descriptor.parameter("dims").orElseThrow().type()).isEqualTo(ParameterType.INTEGER_LIST);
        assertThat(descriptor.parameter("weights").orElseThrow().type()).isEqualTo(ParameterType.NUMBER_LIST);
        assertThat(REGISTRY.wrapsLosses("matryoshka")).isTrue();
        assertThat(REGISTRY.wrapsLosses("mnrl")).isFalse();
    }

    @Test
    void aLossAndAListOfNumbersAreArguments() {
        LossSpec spec = LossSpec.parse("matryoshka(mnrl, dims=[384, 256,128 , 64])", REGISTRY);

        WeightedLoss term = spec.losses().get(0);
        assertThat(term.inner().canonical()).isEqualTo("mnrl");
        assertThat(term.parameters().getIntList("dims")).containsExactly(384, 256, 128, 64);
        assertThat(term.parameters().getDoubleList("weights")).isEmpty();
        assertThat(spec.canonical()).isEqualTo("matryoshka(mnrl, dims=[384, 256, 128, 64])");
    }

    @Test
    void aWeightedCombinationIsWrappedAndItsCanonicalFormReadsBackTheSame() {
        LossSpec spec = LossSpec.parse(
                "2*Matryoshka(0.7*MultipleNegativesRankingLoss(scale=10) + 0.3*triplet, dims=[8, 4], weights=[1, .5])"
                        + " + mnrl", REGISTRY);

        String canonical = "2*matryoshka(0.7*mnrl(scale=10) + 0.3*triplet, dims=[8, 4], weights=[1, 0.5]) + mnrl";
        assertThat(spec.canonical()).isEqualTo(canonical);
        assertThat(LossSpec.parse(canonical, REGISTRY)).isEqualTo(spec);
        assertThat(spec.losses().get(0).inner().losses()).extracting(WeightedLoss::weight).containsExactly(0.7, 0.3);
    }

    @Test
    void aMisspeltInnerLossPointsAtItsColumn() {
        assertThatThrownBy(() -> LossSpec.parse("matryoshka(0.5*mnrl + 0.5*tripplet, dims=[4])", REGISTRY))
                .isInstanceOf(LossExpressionException.class)
                .hasMessage("loss expression column 27: unknown loss 'tripplet'; did you mean 'triplet'?"
                        + " Available: mnrl, triplet");
    }

    @Test
    void aBadListElementPointsAtItsColumn() {
        assertThatThrownBy(() -> LossSpec.parse("matryoshka(mnrl, dims=[4, x])", REGISTRY))
                .hasMessage("loss expression column 27: parameter 'dims' of loss 'matryoshka', element 2: expected a"
                        + " whole number, got 'x'");
        assertThatThrownBy(() -> LossSpec.parse("matryoshka(mnrl, dims=[0])", REGISTRY))
                .hasMessageStartingWith("loss expression column 24: ")
                .hasMessageEndingWith("element 1: must be >= 1, got 0");
        assertThatThrownBy(() -> LossSpec.parse("matryoshka(mnrl, dims=[4], weights=[1, -2])", REGISTRY))
                .hasMessageStartingWith("loss expression column 40: ")
                .hasMessageEndingWith("element 2: must be > 0, got -2.0");
    }

    @Test
    void listsAndSingleValuesGoWhereTheyAreDeclared() {
        assertThatThrownBy(() -> LossSpec.parse("mnrl(scale=[1, 2])", REGISTRY))
                .hasMessage("loss expression column 12: parameter 'scale' of loss 'mnrl' takes a single number,"
                        + " not a list");
        assertThatThrownBy(() -> LossSpec.parse("matryoshka(mnrl, dims=4)", REGISTRY))
                .hasMessage("loss expression column 23: parameter 'dims' of loss 'matryoshka': expected a list of"
                        + " whole numbers in brackets, like [1, 2], got '4'");
    }

    @Test
    void onlyAWrapperTakesALossAndAWrapperNeedsOne() {
        assertThatThrownBy(() -> LossSpec.parse("mnrl(triplet)", REGISTRY))
                .hasMessage("loss expression column 6: loss 'mnrl' takes no loss as an argument, only name=value"
                        + " parameters");
        assertThatThrownBy(() -> LossSpec.parse("0.5*mnrl + matryoshka(dims=[4])", REGISTRY))
                .hasMessageStartingWith("loss expression column 12: loss 'matryoshka' wraps another loss");
    }

    @Test
    void syntaxErrorsInsideTheWrapperPointAtTheirColumn() {
        assertThatThrownBy(() -> LossSpec.parse("matryoshka(mnrl, dims=[4, 2", REGISTRY))
                .hasMessage("loss expression column 28: expected ',' or ']' to close the '[' at column 23, found end"
                        + " of input");
        assertThatThrownBy(() -> LossSpec.parse("matryoshka(mnrl triplet, dims=[4])", REGISTRY))
                .hasMessageStartingWith("loss expression column 17: expected '=' after parameter 'mnrl'");
        assertThatThrownBy(() -> LossSpec.parse("matryoshka(mnrl + mnrl, dims=[4])", REGISTRY))
                .hasMessageStartingWith("loss expression column 19: loss 'mnrl' repeats the term at column 12");
    }

    @Test
    void twoWrappersDifferByWhatTheyWrap() {
        LossSpec spec = LossSpec.parse("matryoshka(mnrl, dims=[4]) + matryoshka(triplet, dims=[4])", REGISTRY);

        assertThat(spec.losses()).hasSize(2);
        assertThatThrownBy(() -> LossSpec.parse("matryoshka(mnrl, dims=[4]) + matryoshka(MNRL, dims=[4])", REGISTRY))
                .hasMessageContaining("repeats the term at column 1");
    }
}
