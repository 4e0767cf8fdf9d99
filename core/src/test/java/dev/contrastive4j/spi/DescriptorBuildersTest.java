package dev.contrastive4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Descriptors and parameter specs are built with builders; the 1.0 constructors still give the same values. */
class DescriptorBuildersTest {

    private static final ParameterSpec MARGIN = ParameterSpec.number("margin", 0.2, "Required gap.").atLeast(0);

    @Test
    void builderCollectsEveryField() {
        LossDescriptor d = LossDescriptor.builder("cosine-margin").aliases("cosinemarginloss")
                .summary("Hinge on cosine similarities.").formats(DataFormat.TRIPLET, DataFormat.PAIR)
                .parameter(MARGIN).needsGuideModel(true).build();

        assertThat(d.name()).isEqualTo("cosine-margin");
        assertThat(d.aliases()).containsExactly("cosinemarginloss");
        assertThat(d.summary()).isEqualTo("Hinge on cosine similarities.");
        assertThat(d.formats()).containsExactlyInAnyOrder(DataFormat.TRIPLET, DataFormat.PAIR);
        assertThat(d.parameter("margin")).contains(MARGIN);
        assertThat(d.needsGuideModel()).isTrue();
    }

    @Test
    @SuppressWarnings("deprecation")
    void deprecatedConstructorsBuildWhatTheBuildersBuild() {
        LossDescriptor built = LossDescriptor.builder("x").summary("s").formats(DataFormat.PAIR).parameter(MARGIN)
                .build();
        assertThat(new LossDescriptor("x", List.of(), "s", Set.of(DataFormat.PAIR), List.of(MARGIN), false))
                .isEqualTo(built).hasSameHashCodeAs(built);
        assertThat(new ParameterSpec("margin", ParameterType.NUMBER, 0.2, "Required gap.", 0.0, true, null, false,
                List.of())).isEqualTo(MARGIN);
    }

    @Test
    void descriptorWithoutFormatOrSummaryOrWithATwiceDeclaredParameterIsRefused() {
        assertThatThrownBy(() -> LossDescriptor.builder("x").summary("s").build())
                .hasMessageContaining("loss 'x' must accept at least one data format");
        assertThatThrownBy(() -> LossDescriptor.builder("x").formats(DataFormat.PAIR).build())
                .hasMessageContaining("loss 'x' needs a summary");
        assertThatThrownBy(() -> LossDescriptor.builder("x").summary("s").formats(DataFormat.PAIR)
                .parameter(MARGIN).parameter(MARGIN).build()).hasMessageContaining("declares a parameter twice");
        assertThatThrownBy(() -> LossDescriptor.builder("Bad Name")).hasMessageContaining("'Bad Name'");
    }

    @Test
    void specBuilderKeepsBoundsAndChecksChoices() {
        ParameterSpec scale = ParameterSpec.builder("scale", ParameterType.NUMBER).defaultValue(20.0)
                .doc("Multiplies.").greaterThan(0).atMost(100).build();
        assertThat(scale.allowedDescription()).isEqualTo("(0, 100]");
        assertThat(scale.parse("100")).isEqualTo(100.0);
        assertThatThrownBy(() -> scale.parse("0")).hasMessage("must be > 0, got 0.0");
        assertThat(scale.toBuilder().lessThan(50).build().allowedDescription()).isEqualTo("(0, 50)");

        assertThatThrownBy(() -> ParameterSpec.choice("similarity", "l2", List.of("cosine", "dot"), "d"))
                .hasMessageContaining("default 'l2' of 'similarity' is not a choice");
        assertThatThrownBy(() -> ParameterSpec.builder("similarity", ParameterType.CHOICE).defaultValue("cosine")
                .doc("d").build()).hasMessageContaining("needs its choices");
    }
}
