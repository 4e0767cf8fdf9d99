package com.example.marginranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.contrastive4j.expression.LossExpressionException;
import dev.contrastive4j.expression.LossSpec;
import dev.contrastive4j.plugin.LoadedLoss;
import dev.contrastive4j.plugin.PluginRegistry;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.ParameterType;
import dev.contrastive4j.spi.ParameterValues;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plugin as c4j sees it: found through its service file, described, and named in loss expressions. */
class MarginRankingPluginTest {

    private final PluginRegistry registry = PluginRegistry.discover(MarginRankingPluginTest.class.getClassLoader());

    @Test
    void theRegistryFindsTheLossThroughTheServiceFile() {
        assertThat(registry.problems()).isEmpty();
        LoadedLoss loss = registry.loss("margin-ranking");
        assertThat(registry.loss("MarginRankingLoss")).isSameAs(loss);
        assertThat(loss.descriptor().formats()).containsExactly(DataFormat.TRIPLET);
        assertThat(loss.descriptor().needsGuideModel()).isFalse();
        assertThat(loss.descriptor().parameters()).extracting(p -> p.name(), p -> p.type(), p -> p.defaultValue())
                .containsExactly(tuple("margin", ParameterType.NUMBER, 0.2),
                        tuple("in_batch_negatives", ParameterType.BOOLEAN, false));
    }

    @Test
    void aLossExpressionSetsTheParameters() {
        LossSpec spec = LossSpec.parse("0.5*margin-ranking(margin=0.35, in_batch_negatives=true)", registry);

        ParameterValues values = spec.losses().get(0).parameters();
        assertThat(values.asMap()).isEqualTo(Map.of("margin", 0.35, "in_batch_negatives", true));
        assertThat(registry.loss("margin-ranking").factory().create(values)).isInstanceOf(MarginRankingLoss.class);
    }

    @Test
    void aNegativeMarginIsRejectedAtItsColumn() {
        assertThatThrownBy(() -> LossSpec.parse("margin-ranking(margin=-0.1)", registry))
                .isInstanceOf(LossExpressionException.class)
                .hasMessage("loss expression column 23: parameter 'margin' of loss 'margin-ranking': must be >= 0,"
                        + " got -0.1");
    }
}
