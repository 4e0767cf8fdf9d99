package dev.contrastive4j.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.ParameterValues;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LossExpressionValidatorTest {

    private final LossCatalog catalog = new FakeLossCatalog();

    @Test
    void keepsWeightsAndOrderAndResolvesDescriptors() {
        LossSpec spec = validate("0.7*angle + 0.3*triplet(margin=0.5, distance=cosine)");

        assertThat(spec.losses()).extracting(WeightedLoss::weight, WeightedLoss::descriptor)
                .containsExactly(tuple(0.7, FakeLossCatalog.ANGLE),
                        tuple(0.3, FakeLossCatalog.TRIPLET));
    }

    @Test
    void typesValuesWithTheParameterSpecsAndFillsDefaults() {
        ParameterValues values = validate("triplet(distance=COSINE)").losses().get(0).parameters();

        assertThat(values.getString("distance")).isEqualTo("cosine");
        assertThat(values.getDouble("margin")).isEqualTo(5.0);
        assertThat(values.isExplicit("distance")).isTrue();
        assertThat(values.isExplicit("margin")).isFalse();
    }

    @Test
    void everyParameterTypeIsParsed() {
        ParameterValues mnrl = validate("mnrl(scale=10, similarity=dot, symmetric=TRUE)").losses().get(0).parameters();
        ParameterValues gist = validate("gist(guide='runs/my model', mini_batch_size=8)").losses().get(0).parameters();

        assertThat(mnrl.asMap()).containsExactly(
                Map.entry("scale", 10.0), Map.entry("similarity", "dot"), Map.entry("symmetric", true));
        assertThat(gist.asMap()).containsExactly(Map.entry("guide", "runs/my model"), Map.entry("mini_batch_size", 8));
    }

    @Test
    void aliasesResolveToTheCanonicalLoss() {
        LossSpec spec = validate("MultipleNegativesRankingLoss(scale=30)");

        assertThat(spec.losses().get(0).name()).isEqualTo("mnrl");
        assertThat(spec.losses().get(0).descriptor()).isEqualTo(FakeLossCatalog.MNRL);
    }

    @Test
    void unknownLossKeepsTheCatalogsMessageAtTheTermsColumn() {
        LossExpressionException error = validationError("0.5*angle + 0.5*mnrr");

        assertThat(error.column()).isEqualTo(17);
        assertThat(error.detail()).isEqualTo(FakeLossCatalog.unknownLossMessage("mnrr"));
        assertThat(error).hasCauseInstanceOf(ContrastiveException.class);
    }

    @Test
    void unknownParameterListsTheValidOnes() {
        LossExpressionException error = validationError("mnrl(nope=1)");

        assertThat(error.column()).isEqualTo(6);
        assertThat(error.detail())
                .isEqualTo("unknown parameter 'nope' for loss 'mnrl'; valid parameters: scale, similarity, symmetric");
    }

    @Test
    void unknownParameterOfAnAliasNamesTheCanonicalLoss() {
        assertThat(validationError("tripletloss(scale=1)").detail())
                .isEqualTo("unknown parameter 'scale' for loss 'triplet'; valid parameters: margin, distance");
    }

    @Test
    void parameterOfALossWithoutParametersIsRejected() {
        LossExpressionException error = validationError("cosent(scale=1)");

        assertThat(error.column()).isEqualTo(8);
        assertThat(error.detail()).isEqualTo("unknown parameter 'scale' for loss 'cosent', which takes no parameters");
    }

    @Test
    void wrongTypePointsAtTheValue() {
        LossExpressionException error = validationError("mnrl(scale=abc)");

        assertThat(error.column()).isEqualTo(12);
        assertThat(error.getMessage())
                .isEqualTo("loss expression column 12: parameter 'scale' of loss 'mnrl': expected a number, got 'abc'");
        assertThat(error).hasCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyTypeReportsWhatItExpected() {
        assertDetail("mnrl(symmetric=yes)", 16, "parameter 'symmetric' of loss 'mnrl': expected true or false, got 'yes'");
        assertDetail("gist(mini_batch_size=2.5)", 22,
                "parameter 'mini_batch_size' of loss 'gist': expected a whole number, got '2.5'");
        assertDetail("triplet(distance=hamming)", 18,
                "parameter 'distance' of loss 'triplet': expected one of euclidean, cosine, manhattan, got 'hamming'");
        assertDetail("mnrl(scale=NaN)", 12, "parameter 'scale' of loss 'mnrl': expected a finite number, got 'NaN'");
    }

    @Test
    void valueOutOfRangeIsRejectedAtTheValue() {
        assertDetail("mnrl(scale = 0)", 14, "parameter 'scale' of loss 'mnrl': must be > 0, got 0.0");
        assertDetail("gist(mini_batch_size=0)", 22, "parameter 'mini_batch_size' of loss 'gist': must be >= 1, got 0");
    }

    @Test
    void sameLossUnderAnAliasIsADuplicate() {
        assertDetail("mnrl + 0.5*multiplenegativesrankingloss", 12,
                "loss 'mnrl' repeats the term at column 1 with the same parameter values; write it once with the summed weight");
    }

    @Test
    void writingOutADefaultOrAnotherSpellingOfANumberIsADuplicate() {
        assertDetail("mnrl + mnrl(scale=20)", 8,
                "loss 'mnrl' repeats the term at column 1 with the same parameter values; write it once with the summed weight");
        assertDetail("triplet(margin=0.5) + triplet(margin=.50)", 23,
                "loss 'triplet' repeats the term at column 1 with the same parameter values; write it once with the summed weight");
    }

    @Test
    void sameLossWithDifferentValuesIsAllowed() {
        LossSpec spec = validate("0.5*mnrl(scale=10) + 0.5*mnrl(scale=30)");

        assertThat(spec.losses()).extracting(l -> l.parameters().getDouble("scale")).containsExactly(10.0, 30.0);
    }

    @Test
    void parseAndValidateInOneStep() {
        assertThat(LossSpec.parse("2*tripletloss(margin=1)", catalog)).isEqualTo(validate("2*triplet(margin=1.0)"));
    }

    @Test
    void theFirstFailingTermIsReported() {
        assertThat(validationError("mnrl(nope=1) + unknown").column()).isEqualTo(6);
    }

    @Test
    void aSpecNeedsAtLeastOneLoss() {
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> new LossSpec(List.of()))).isNotNull();
    }

    private LossSpec validate(String source) {
        return LossExpressionValidator.validate(LossExpression.parse(source), catalog);
    }

    private void assertDetail(String source, int column, String detail) {
        LossExpressionException error = validationError(source);
        assertThat(error.column()).as("column for %s", source).isEqualTo(column);
        assertThat(error.detail()).as("detail for %s", source).isEqualTo(detail);
    }

    private LossExpressionException validationError(String source) {
        LossExpression expression = LossExpression.parse(source);
        LossExpressionException error = catchThrowableOfType(LossExpressionException.class,
                () -> LossExpressionValidator.validate(expression, catalog));
        assertThat(error).as("validating %s should fail", source).isNotNull();
        return error;
    }
}
