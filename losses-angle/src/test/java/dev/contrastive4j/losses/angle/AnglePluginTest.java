package dev.contrastive4j.losses.angle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrastive4j.expression.LossExpressionException;
import dev.contrastive4j.expression.LossSpec;
import dev.contrastive4j.plugin.PluginRegistry;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.LossDescriptor;
import dev.contrastive4j.spi.ParameterSpec;
import org.junit.jupiter.api.Test;

class AnglePluginTest {

    private static final PluginRegistry REGISTRY = PluginRegistry.discover(AnglePluginTest.class.getClassLoader());

    @Test
    void theServiceLoaderFindsTheThreeLossesUnderTheirNamesAndAliases() {
        assertThat(REGISTRY.problems()).isEmpty();
        assertThat(REGISTRY.loss("angleloss").descriptor().name()).isEqualTo("angle");
        assertThat(REGISTRY.loss("CoSENTLoss").descriptor().name()).isEqualTo("cosent");
        assertThat(REGISTRY.loss("CosineSimilarityLoss").descriptor().name()).isEqualTo("cosine");
        assertThat(REGISTRY.loss("angle").factory().create(defaults("angle"))).isInstanceOf(AnglELoss.class);
        assertThat(REGISTRY.loss("cosent").factory().create(defaults("cosent"))).isInstanceOf(CoSENTLoss.class);
        assertThat(REGISTRY.loss("cosine").factory().create(defaults("cosine"))).isInstanceOf(CosineSimilarityLoss.class);
    }

    @Test
    void allThreeAcceptScoredPairsAndTheRankingLossesScaleDefaultsTo20() {
        for (String name : new String[] {"angle", "cosent", "cosine"}) {
            assertThat(REGISTRY.loss(name).descriptor().formats()).as(name).containsExactly(DataFormat.SCORED_PAIR);
            assertThat(REGISTRY.loss(name).descriptor().needsGuideModel()).as(name).isFalse();
        }
        for (String name : new String[] {"angle", "cosent"}) {
            ParameterSpec scale = REGISTRY.loss(name).descriptor().parameter("scale").orElseThrow();
            assertThat(scale.defaultValue()).isEqualTo(20.0);
            assertThat(scale.allowedDescription()).isEqualTo("> 0");
        }
        assertThat(((AnglELoss) REGISTRY.loss("angle").factory().create(defaults("angle"))).scale()).isEqualTo(20.0);
        assertThat(REGISTRY.loss("cosine").descriptor().parameters()).isEmpty();
    }

    @Test
    void aScaleOfZeroIsRejectedInTheLossExpression() {
        assertThatThrownBy(() -> LossSpec.parse("angle(scale=0)", REGISTRY))
                .isInstanceOf(LossExpressionException.class)
                .hasMessageContaining("scale")
                .hasMessageContaining("must be > 0, got 0.0");
    }

    @Test
    void anExpressionCanSetTheScale() {
        LossSpec spec = LossSpec.parse("0.5*AnglELoss(scale=10) + cosent", REGISTRY);

        assertThat(spec.canonical()).isEqualTo("0.5*angle(scale=10) + cosent");
        AnglELoss angle = (AnglELoss) REGISTRY.loss("angle").factory().create(spec.losses().get(0).parameters());
        assertThat(angle.scale()).isEqualTo(10.0);
    }

    @Test
    void theContrastiveLossesAreFoundWithTheirParametersAndDefaults() {
        assertThat(REGISTRY.loss("ContrastiveLoss").descriptor().name()).isEqualTo("contrastive");
        assertThat(REGISTRY.loss("OnlineContrastiveLoss").descriptor().name()).isEqualTo("online-contrastive");
        LossDescriptor contrastive = REGISTRY.loss("contrastive").descriptor();
        assertThat(contrastive.formats()).containsExactly(DataFormat.SCORED_PAIR);
        assertThat(contrastive.parameters()).extracting(ParameterSpec::name)
                .containsExactly("distance", "margin", "size_average");
        assertThat(contrastive.parameter("distance").orElseThrow().choices())
                .containsExactly("cosine", "euclidean", "manhattan");
        assertThat(contrastive.parameter("distance").orElseThrow().defaultValue()).isEqualTo("cosine");
        assertThat(contrastive.parameter("margin").orElseThrow().defaultValue()).isEqualTo(0.5);
        assertThat(contrastive.parameter("size_average").orElseThrow().defaultValue()).isEqualTo(true);
        assertThat(REGISTRY.loss("online-contrastive").descriptor().parameters()).extracting(ParameterSpec::name)
                .containsExactly("distance", "margin");
        LossSpec spec = LossSpec.parse("contrastive(distance=Manhattan, size_average=false) + online-contrastive",
                REGISTRY);
        assertThat(spec.canonical())
                .isEqualTo("contrastive(distance=manhattan, size_average=false) + online-contrastive");
        assertThat(REGISTRY.loss("contrastive").factory().create(spec.losses().get(0).parameters()))
                .isInstanceOf(ContrastiveLoss.class);
        assertThat(REGISTRY.loss("online-contrastive").factory().create(spec.losses().get(1).parameters()))
                .isInstanceOf(OnlineContrastiveLoss.class);
    }

    @Test
    void aNegativeMarginIsRejectedAtItsColumn() {
        assertThatThrownBy(() -> LossSpec.parse("online-contrastive(margin=-1)", REGISTRY))
                .isInstanceOf(LossExpressionException.class)
                .hasMessageStartingWith("loss expression column 27: ")
                .hasMessageContaining("must be >= 0");
    }

    private static dev.contrastive4j.spi.ParameterValues defaults(String name) {
        LossDescriptor descriptor = REGISTRY.loss(name).descriptor();
        return dev.contrastive4j.spi.ParameterValues.defaults(descriptor.parameters());
    }
}
