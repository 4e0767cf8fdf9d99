package dev.contrastive4j.losses.gist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.contrastive4j.plugin.PluginRegistry;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.LossDescriptor;
import dev.contrastive4j.spi.ParameterSpec;
import dev.contrastive4j.spi.ParameterType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GistPluginTest {

    private static final PluginRegistry REGISTRY = PluginRegistry.discover(GistPluginTest.class.getClassLoader());

    @Test
    void bothLossesAreFoundThroughServiceLoaderByNameAndAlias() {
        assertThat(REGISTRY.problems()).isEmpty();
        assertThat(REGISTRY.loss("GISTEmbedLoss").descriptor().name()).isEqualTo("gist");
        assertThat(REGISTRY.loss("cachedgistembedloss").descriptor().name()).isEqualTo("cgist");
    }

    @Test
    void descriptorsDeclareFormatsGuideAndSentenceTransformersDefaults() {
        LossDescriptor gist = REGISTRY.loss("gist").descriptor();
        assertThat(gist.formats()).containsExactlyInAnyOrder(DataFormat.PAIR, DataFormat.TRIPLET);
        assertThat(gist.needsGuideModel()).isTrue();
        assertThat(gist.parameters()).extracting(ParameterSpec::name).containsExactly("guide", "temperature",
                "margin_strategy", "margin", "contrast_anchors", "contrast_positives");
        assertThat(gist.parameters()).extracting(ParameterSpec::defaultValue)
                .containsExactly("bge-small", 0.01, "absolute", 0.0, true, true);
        assertThat(gist.parameter("guide").orElseThrow().type()).isEqualTo(ParameterType.STRING);
        assertThat(gist.parameter("margin_strategy").orElseThrow().choices()).containsExactly("absolute", "relative");
        assertThatThrownBy(() -> gist.parameter("temperature").orElseThrow().parse("0"))
                .hasMessageContaining("must be > 0");
        assertThatThrownBy(() -> gist.parameter("margin").orElseThrow().parse("-0.1"))
                .hasMessageContaining("must be >= 0");

        LossDescriptor cgist = REGISTRY.loss("cgist").descriptor();
        assertThat(cgist.needsGuideModel()).isTrue();
        assertThat(cgist.parameters()).extracting(ParameterSpec::name).endsWith("mini_batch_size");
        assertThat(cgist.parameter("mini_batch_size").orElseThrow().defaultValue()).isEqualTo(32);
    }

    @Test
    void aGuideThatCannotBeLoadedNamesTheLossAndTheParameter(@TempDir Path dir) {
        String missing = dir.resolve("no-such-model").toString();
        assertThatThrownBy(() -> TinyModels.create(REGISTRY, "gist", Map.of("guide", missing)))
                .isInstanceOf(ContrastiveException.class)
                .hasMessageStartingWith("gist: parameter guide: model '" + missing + "'")
                .hasMessageContaining("found no such file or folder");
        assertThatThrownBy(() -> TinyModels.create(REGISTRY, "cgist", Map.of("guide", " ")))
                .isInstanceOf(ContrastiveException.class)
                .hasMessage("cgist: parameter guide: expected a model name or path, got ''");
    }

    @Test
    void aMiniBatchBelowOneIsRefusedByTheDescriptor() {
        assertThatThrownBy(() -> REGISTRY.loss("cgist").descriptor().parameter("mini_batch_size").orElseThrow()
                .parse("0")).hasMessageContaining("must be >= 1");
    }

    @Test
    void relativeMarginUsesTheThresholdsMagnitude() {
        assertThat(MarginStrategy.ABSOLUTE.bound(0.8, 0.1)).isCloseTo(0.7, within(1e-15));
        assertThat(MarginStrategy.RELATIVE.bound(0.8, 0.1)).isCloseTo(0.72, within(1e-15));
        // Negative threshold: a margin still lowers the bound (sentence-transformers' t·(1 − m) would raise it).
        assertThat(MarginStrategy.RELATIVE.bound(-0.5, 0.1)).isCloseTo(-0.55, within(1e-15));
        assertThat(MarginStrategy.PARAMETER_VALUES).isEqualTo(List.of("absolute", "relative"));
    }
}
