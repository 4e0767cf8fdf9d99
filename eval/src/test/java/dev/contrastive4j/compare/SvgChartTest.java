package dev.contrastive4j.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SvgChartTest {

    @Test
    void axisTicksAreNiceNumbersCoveringTheRange() {
        // range 0.027: a fifth is 0.0054, rounded to the nice step 0.005
        SvgChart.Axis axis = SvgChart.Axis.around(0.693, 0.72);

        assertThat(axis.step()).isCloseTo(0.005, within(1e-12));
        assertThat(axis.min()).isCloseTo(0.69, within(1e-12));
        assertThat(axis.max()).isCloseTo(0.72, within(1e-12));
        assertThat(axis.ticks()).hasSize(7);
        assertThat(axis.label(0.695)).isEqualTo("0.695");
    }

    @Test
    void stepAxesCountInWholeNumbersFromZero() {
        SvgChart.Axis axis = SvgChart.Axis.around(0, 3).startingAtZero().integral();

        assertThat(axis.min()).isZero();
        assertThat(axis.step()).isEqualTo(1);
        assertThat(axis.ticks()).containsExactly(0.0, 1.0, 2.0, 3.0);
        assertThat(axis.label(2)).isEqualTo("2");
    }

    @Test
    void barsOfValuesFarFromZeroStartTheAxisNearThemAndSaySo() {
        String svg = SvgChart.bars("accuracy", List.of(new SvgChart.Bar("a", 0.70, Double.NaN, "#000"),
                new SvgChart.Bar("b", 0.72, Double.NaN, "#111")));

        assertThat(svg).contains("axis starts at 0.6", ", not 0");
        assertThat(SvgChart.bars("mrr", List.of(new SvgChart.Bar("a", 0.1, Double.NaN, "#000"),
                new SvgChart.Bar("b", 0.3, Double.NaN, "#111")))).doesNotContain("axis starts at");
    }

    @Test
    void textIsEscaped() {
        String svg = SvgChart.bars("a < b & \"c\"", List.of(new SvgChart.Bar("x<y", 1, Double.NaN, "#000")));

        assertThat(svg).contains("a &lt; b &amp; &quot;c&quot;", "x&lt;y").doesNotContain("x<y");
    }
}
