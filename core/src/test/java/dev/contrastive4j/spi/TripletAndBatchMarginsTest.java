package dev.contrastive4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A triplet's optional margins, and how a batch carries them in {@link Batch#scores()}. */
class TripletAndBatchMarginsTest {

    @Test
    void theOlderConstructorsMakeTripletsWithoutMargins() {
        Triplet one = new Triplet("q", "p", "n");
        Triplet list = new Triplet("q", "p", List.of("n"));

        assertThat(one.margins()).isEmpty();
        assertThat(one.hasMargins()).isFalse();
        assertThat(one).isEqualTo(list).hasSameHashCodeAs(list);
        assertThat(one.texts()).containsExactly("q", "p", "n");
    }

    @Test
    void marginsTakePartInEquality() {
        Triplet withMargin = new Triplet("q", "p", List.of("n"), List.of(1.5));

        assertThat(withMargin.hasMargins()).isTrue();
        assertThat(withMargin).isNotEqualTo(new Triplet("q", "p", "n"))
                .isNotEqualTo(new Triplet("q", "p", List.of("n"), List.of(-1.5)))
                .isEqualTo(new Triplet("q", "p", List.of("n"), List.of(1.5)))
                .hasSameHashCodeAs(new Triplet("q", "p", List.of("n"), List.of(1.5)));
    }

    @Test
    void marginsMustBeOnePerNegativeAndFinite() {
        assertThatThrownBy(() -> new Triplet("q", "p", List.of("a", "b"), List.of(1.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a triplet needs one margin per negative: expected 2 margins, got 1");
        assertThatThrownBy(() -> new Triplet("q", "p", List.of("a"), List.of(Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("margin 1 of a triplet must be finite, got NaN");
    }

    @Test
    void aBatchOfTripletsWithMarginsFlattensThemRowByRow() {
        Batch batch = Batch.of(List.of(
                new Triplet("q1", "p1", List.of("a1", "b1"), List.of(1.0, 2.0)),
                new Triplet("q2", "p2", List.of("a2", "b2"), List.of(-3.0, 4.5))));

        assertThat(batch.hasMargins()).isTrue();
        assertThat(batch.scores()).containsExactly(1.0, 2.0, -3.0, 4.5);
        assertThat(batch.margins()).isDeepEqualTo(new double[][] {{1.0, 2.0}, {-3.0, 4.5}});
        assertThat(batch.column(3)).containsExactly("b1", "b2");
    }

    @Test
    void aBatchOfTripletsWithoutMarginsHasNoScores() {
        Batch batch = Batch.of(List.of(new Triplet("q", "p", "n")));

        assertThat(batch.hasMargins()).isFalse();
        assertThat(batch.scores()).isEmpty();
        assertThatThrownBy(batch::margins).isInstanceOf(IllegalStateException.class);
        assertThat(batch).isNotEqualTo(Batch.of(List.of(new Triplet("q", "p", List.of("n"), List.of(0.0)))));
    }

    @Test
    void rowsWithAndWithoutMarginsDoNotMakeOneBatch() {
        assertThatThrownBy(() -> Batch.of(List.of(new Triplet("q", "p", List.of("n"), List.of(1.0)),
                new Triplet("r", "s", "t"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 1 has no margins, but row 0 has");
        assertThatThrownBy(() -> Batch.of(List.of(new Triplet("r", "s", "t"),
                new Triplet("q", "p", List.of("n"), List.of(1.0)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 1 has margins, but row 0 has none");
    }

    @Test
    void theConstructorChecksTheNumberOfScoresForEachFormat() {
        List<List<String>> triplet = List.of(List.of("q1", "q2"), List.of("p1", "p2"), List.of("n1", "n2"));
        List<List<String>> pair = List.of(List.of("a"), List.of("b"));

        assertThat(new Batch(DataFormat.TRIPLET, triplet, new double[] {1, 2}).margins())
                .isDeepEqualTo(new double[][] {{1}, {2}});
        assertThatThrownBy(() -> new Batch(DataFormat.TRIPLET, triplet, new double[] {1}))
                .hasMessageContaining("expected 0 or 2, got 1");
        assertThatThrownBy(() -> new Batch(DataFormat.PAIR, pair, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Batch(DataFormat.SCORED_PAIR, pair, new double[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
