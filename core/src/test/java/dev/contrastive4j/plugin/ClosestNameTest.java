package dev.contrastive4j.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClosestNameTest {

    private static final List<String> NAMES = List.of("angle", "cmnrl", "cosent", "cosine", "gist", "mnrl", "triplet");

    @Test
    void distanceCountsEditsAndAdjacentSwapsAsOne() {
        assertThat(ClosestName.distance("mnrl", "mnrl")).isZero();
        assertThat(ClosestName.distance("mnlr", "mnrl")).isEqualTo(1); // one swap
        assertThat(ClosestName.distance("angel", "angle")).isEqualTo(1);
        assertThat(ClosestName.distance("cosin", "cosine")).isEqualTo(1);
        assertThat(ClosestName.distance("", "gist")).isEqualTo(4);
        assertThat(ClosestName.distance("kitten", "sitting")).isEqualTo(3);
    }

    @Test
    void typosAreMatchedToTheNearestName() {
        assertThat(ClosestName.of("mnlr", NAMES)).contains("mnrl");
        assertThat(ClosestName.of("angel", NAMES)).contains("angle");
        assertThat(ClosestName.of("cosnet", NAMES)).contains("cosent");
        assertThat(ClosestName.of("tripletloss", NAMES)).contains("triplet");
    }

    @Test
    void unrelatedWordsGetNoSuggestion() {
        assertThat(ClosestName.of("perplexity", NAMES)).isEmpty();
        assertThat(ClosestName.of("xyzzy", List.of())).isEmpty();
    }
}
