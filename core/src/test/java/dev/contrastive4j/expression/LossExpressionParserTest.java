package dev.contrastive4j.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LossExpressionParserTest {

    @Test
    void bareNameIsOneTermWithWeightOne() {
        LossExpression expression = LossExpression.parse("mnrl");

        assertThat(expression.source()).isEqualTo("mnrl");
        assertThat(expression.terms()).containsExactly(new LossTerm(1.0, "mnrl", List.of(), 1));
    }

    @Test
    void weightedSumKeepsWeightsArgumentsAndColumns() {
        String source = "0.7*angle + 0.3*triplet(margin=0.5, distance=cosine)";

        List<LossTerm> terms = LossExpression.parse(source).terms();

        assertThat(terms).containsExactly(
                new LossTerm(0.7, "angle", List.of(), source.indexOf("angle") + 1),
                new LossTerm(0.3, "triplet", List.of(
                        new LossArgument("margin", "0.5", source.indexOf("margin") + 1, source.indexOf("0.5") + 1),
                        new LossArgument("distance", "cosine", source.indexOf("distance") + 1,
                                source.indexOf("cosine") + 1)),
                        source.indexOf("triplet") + 1));
    }

    @Test
    void whitespaceMayAppearBetweenAnyTokens() {
        List<LossTerm> terms = LossExpression.parse(" 2 * mnrl ( scale = 10 ,\tsimilarity = dot )\n+ cosent ").terms();

        assertThat(terms).extracting(LossTerm::weight, LossTerm::name, LossTerm::rawArguments).containsExactly(
                tuple(2.0, "mnrl", Map.of("scale", "10", "similarity", "dot")),
                tuple(1.0, "cosent", Map.of()));
    }

    @Test
    void lossAndParameterNamesAreLowerCasedButValuesKeepTheirCase() {
        LossTerm term = LossExpression.parse("MNRL(Scale=20, SIMILARITY=Dot)").terms().get(0);

        assertThat(term.name()).isEqualTo("mnrl");
        assertThat(term.rawArguments()).containsExactly(Map.entry("scale", "20"), Map.entry("similarity", "Dot"));
    }

    @Test
    void argumentsKeepTheOrderTheyWereWrittenIn() {
        LossTerm term = LossExpression.parse("mnrl(symmetric=true, scale=5, similarity=dot)").terms().get(0);

        assertThat(term.rawArguments().keySet()).containsExactly("symmetric", "scale", "similarity");
    }

    @Test
    void rawArgumentsCannotBeModified() {
        LossTerm term = LossExpression.parse("mnrl(scale=5)").terms().get(0);

        assertThatThrownBy(() -> term.rawArguments().put("scale", "6"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void bareWordsHoldHyphensDotsAndSlashes() {
        assertThat(guideOf("gist(guide=bge-small)")).isEqualTo("bge-small");
        assertThat(guideOf("gist(guide=runs/x/final)")).isEqualTo("runs/x/final");
        assertThat(guideOf("gist(guide=../models/v1.5_b)")).isEqualTo("../models/v1.5_b");
        assertThat(guideOf("gist(guide=-0.5e-3)")).isEqualTo("-0.5e-3");
    }

    @Test
    void quotedValuesHoldAnyCharacterAndEscapeTheirQuote() {
        assertThat(guideOf("gist(guide=\"my model, v2 (final)\")")).isEqualTo("my model, v2 (final)");
        assertThat(guideOf("gist(guide='say \"hi\"')")).isEqualTo("say \"hi\"");
        assertThat(guideOf("gist(guide='it\\'s')")).isEqualTo("it's");
        assertThat(guideOf("gist(guide=\"a \\\"b\\\"\")")).isEqualTo("a \"b\"");
        assertThat(guideOf("gist(guide=\"\")")).isEmpty();
    }

    @Test
    void backslashIsLiteralUnlessItEscapesTheQuoteOrItself() {
        assertThat(guideOf("gist(guide='C:\\models\\x')")).isEqualTo("C:\\models\\x");
        assertThat(guideOf("gist(guide='a\\\\')")).isEqualTo("a\\");
    }

    @Test
    void weightsAcceptFractionsAndExponents() {
        assertThat(weightOf(".5*mnrl")).isEqualTo(0.5);
        assertThat(weightOf("5.*mnrl")).isEqualTo(5.0);
        assertThat(weightOf("1e-3*mnrl")).isEqualTo(0.001);
        assertThat(weightOf("1E+2*mnrl")).isEqualTo(100.0);
        assertThat(weightOf("2.5e1 * mnrl")).isEqualTo(25.0);
    }

    @Test
    void plusAfterAnExponentBelongsToTheNumberButSeparatesTermsElsewhere() {
        assertThat(LossExpression.parse("mnrl(scale=1e+5)").terms().get(0).rawArguments())
                .containsEntry("scale", "1e+5");
        assertThat(LossExpression.parse("angle+cosent").terms()).extracting(LossTerm::name)
                .containsExactly("angle", "cosent");
    }

    @Test
    void emptyParenthesesMeanNoArguments() {
        assertThat(LossExpression.parse("mnrl()").terms().get(0).arguments()).isEmpty();
    }

    @Test
    void sameLossMayAppearTwiceWithDifferentArguments() {
        List<LossTerm> terms = LossExpression.parse("0.5*mnrl(scale=10) + 0.5*mnrl(scale=30)").terms();

        assertThat(terms).extracting(t -> t.rawArguments().get("scale")).containsExactly("10", "30");
    }

    private static String guideOf(String source) {
        return LossExpression.parse(source).terms().get(0).rawArguments().get("guide");
    }

    private static double weightOf(String source) {
        return LossExpression.parse(source).terms().get(0).weight();
    }
}
