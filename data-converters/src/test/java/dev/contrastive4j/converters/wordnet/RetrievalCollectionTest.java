package dev.contrastive4j.converters.wordnet;

import static dev.contrastive4j.converters.wordnet.TinyWordNet.id;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RetrievalCollectionTest {

    private static final List<WordNetTriplet> TRIPLETS = List.of(
            triplet("n1", "they pulled the canoe up on the bank", "slope", "n2", "institution"),
            triplet("n1", "the bank was steep", "slope", "v3", "do business"),
            triplet("n2", "he cashed a check at the bank", "institution", "n1", "slope"));

    @Test
    void corpusHoldsEveryDistinctPositiveAndNegativeOnceNamedByItsSynset() {
        // Synset ids print as the part-of-speech letter and the offset in eight digits.
        RetrievalCollection collection = RetrievalCollection.of(TRIPLETS);

        assertThat(collection.corpus()).containsExactly(
                new RetrievalCollection.Text("n00000001", "slope"),
                new RetrievalCollection.Text("n00000002", "institution"),
                new RetrievalCollection.Text("v00000003", "do business"));
    }

    @Test
    void queriesAreTheAnchorsNumberedWithinTheirSense() {
        RetrievalCollection collection = RetrievalCollection.of(TRIPLETS);

        assertThat(collection.queries()).containsExactly(
                new RetrievalCollection.Text("n00000001-1", "they pulled the canoe up on the bank"),
                new RetrievalCollection.Text("n00000001-2", "the bank was steep"),
                new RetrievalCollection.Text("n00000002-1", "he cashed a check at the bank"));
    }

    @Test
    void eachQueryJudgesItsPositiveRelevant() {
        RetrievalCollection collection = RetrievalCollection.of(TRIPLETS);

        assertThat(collection.judgements()).containsExactly(
                new RetrievalCollection.Judgement("n00000001-1", "n00000001", 1),
                new RetrievalCollection.Judgement("n00000001-2", "n00000001", 1),
                new RetrievalCollection.Judgement("n00000002-1", "n00000002", 1));
    }

    private static WordNetTriplet triplet(String sense, String anchor, String positive, String negativeSense,
            String negative) {
        return new WordNetTriplet(id(sense), "bank", anchor, positive, id(negativeSense),
                NegativeKind.SAME_WORD_SAME_POS, negative);
    }
}
