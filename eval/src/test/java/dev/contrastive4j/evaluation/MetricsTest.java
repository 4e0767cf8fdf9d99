package dev.contrastive4j.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void everyNameFollowsTheFamilyDotMeasureScheme() {
        assertThat(Metrics.ALL).allSatisfy(name -> assertThat(name).matches(
                "triplet\\.(cosine|dot|euclidean|manhattan)_accuracy"
                        + "|similarity\\.(pearson|spearman)_(cosine|dot|euclidean|manhattan)"
                        + "|ir\\.(mrr|ndcg|map|recall|accuracy|precision)@\\d+"));
    }

    @Test
    void namesAreDistinctAndGroupedByFamily() {
        assertThat(Metrics.ALL).doesNotHaveDuplicates().hasSize(4 + 8 + 13);
        assertThat(Metrics.TRIPLET).allMatch(name -> name.startsWith("triplet."));
        assertThat(Metrics.SIMILARITY).allMatch(name -> name.startsWith("similarity."));
        assertThat(Metrics.INFORMATION_RETRIEVAL).allMatch(name -> name.startsWith("ir."));
    }
}
