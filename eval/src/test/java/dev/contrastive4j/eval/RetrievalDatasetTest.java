package dev.contrastive4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrastive4j.spi.Triplet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetrievalDatasetTest {

    @Test
    void tripletsBecomeDistinctQueriesDocumentsAndPositiveJudgements() {
        RetrievalDataset data = RetrievalDataset.fromTriplets(List.of(
                new Triplet("how tall is it", "ten metres", List.of("red", "blue")),
                new Triplet("what colour", "red", "ten metres"),
                new Triplet("how tall is it", "very tall", "blue")));

        assertThat(data.queries()).containsExactly(
                Map.entry("q0", "how tall is it"), Map.entry("q1", "what colour"));
        assertThat(data.corpus()).containsExactly(
                new CorpusDocument("d0", "ten metres"), new CorpusDocument("d1", "red"),
                new CorpusDocument("d2", "blue"), new CorpusDocument("d3", "very tall"));
        // the repeated anchor collects both its positives; "red" is relevant to q1 only
        assertThat(data.relevantTo("q0")).containsExactly("d0", "d3");
        assertThat(data.relevantTo("q1")).containsExactly("d1");
    }

    @Test
    void aTextPositiveInOneRowAndNegativeInAnotherForTheSameAnchorIsRelevant() {
        RetrievalDataset data = RetrievalDataset.fromTriplets(List.of(
                new Triplet("q", "x", "y"),
                new Triplet("q", "y", "x")));
        assertThat(data.relevantTo("q0")).containsExactlyInAnyOrder("d0", "d1");
    }

    @Test
    void unjudgedQueryHasNoRelevantDocuments() {
        RetrievalDataset data = new RetrievalDataset(Map.of("q", "text"), List.of(), Map.of());
        assertThat(data.relevantTo("q")).isEmpty();
    }

    @Test
    void corpusIdsMustBeUnique() {
        assertThatThrownBy(() -> new RetrievalDataset(Map.of(),
                List.of(new CorpusDocument("d", "one"), new CorpusDocument("d", "two")), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("corpus id 'd' appears more than once");
    }

    @Test
    void searchTextJoinsTitleAndBodyLikeBeir() {
        assertThat(new CorpusDocument("d", "Title", "Body.").searchText()).isEqualTo("Title Body.");
        assertThat(new CorpusDocument("d", "Title", "").searchText()).isEqualTo("Title");
        assertThat(new CorpusDocument("d", "", "Body.").searchText()).isEqualTo("Body.");
        assertThat(new CorpusDocument("d", null, " Body ").searchText()).isEqualTo(" Body ");
        assertThat(new CorpusDocument("d", "Body.").title()).isEmpty();
    }
}
