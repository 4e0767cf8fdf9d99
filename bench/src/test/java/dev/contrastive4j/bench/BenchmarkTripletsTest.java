package dev.contrastive4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.encoder.TinyBert;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.Example;
import dev.contrastive4j.spi.Triplet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BenchmarkTripletsTest {

    /** Words of the tiny model's vocabulary: each is one token. */
    private static final List<String> WORDS = List.of("is", "are", "was", "of", "to", "and", "in", "on", "with", "for",
            "it", "this", "that", "cat", "dog", "bird", "fish", "sat", "ran", "sleeps", "eats", "runs", "mat", "house",
            "tree", "red", "blue", "big", "small", "quick", "brown", "fox", "jumps", "over", "lazy", "sun", "moon",
            "day", "night", "good", "bad", "happy", "sad");

    private static SentenceEncoder tiny;

    @BeforeAll
    static void tinyEncoder() {
        tiny = TinyBert.create(3);
    }

    @AfterAll
    static void close() {
        tiny.close();
    }

    @Test
    void aSampleRepeatsNoTextAndDependsOnlyOnTheSeed() {
        // Rows 2k and 2k+1 share their positive, so at most one of each pair can be taken: 6 of 12 rows.
        List<Example> source = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            source.add(new Triplet("the " + WORDS.get(i), "a " + WORDS.get(i / 2), "an " + WORDS.get(i)));
        }

        BenchmarkTriplets sample = BenchmarkTriplets.sample(source, 6, 7, tiny, false);

        List<String> texts = sample.rows().stream().flatMap(row -> row.texts().stream()).toList();
        assertThat(new HashSet<>(texts)).hasSize(18);
        assertThat(source).containsAll(sample.rows());
        assertThat(BenchmarkTriplets.sample(source, 6, 7, tiny, false).rows()).isEqualTo(sample.rows());
        assertThat(sample.lengthened()).isFalse();
        assertThatThrownBy(() -> BenchmarkTriplets.sample(source, 7, 7, tiny, false))
                .isInstanceOf(ContrastiveException.class)
                .hasMessage("the data holds 6 triplets without repeated texts; the benchmark needs 7: use fewer or"
                        + " smaller steps");
    }

    @Test
    void paddedTokensCountEachPassAtItsLongestText() {
        // Tokens with [CLS] and [SEP]: one word 3, two words 4, three words 5.
        List<Example> source = List.of(
                new Triplet("cat", "big dog", "the red fish"),
                new Triplet("a small bird", "sun", "moon"));

        BenchmarkTriplets sample = BenchmarkTriplets.sample(source, 2, 1, tiny, false);

        assertThat(sample.tokensPerText()).isCloseTo((3 + 4 + 5 + 5 + 3 + 3) / 6.0, within(1e-9));
        assertThat(sample.longestText()).isEqualTo(5);
        List<int[]> oneBatch = List.<int[]>of(new int[] {0, 1});
        // Passes of two texts: anchors padded to 5, positives to 4, negatives to 5, two texts each.
        assertThat(sample.paddedTokensPerText(oneBatch, 2)).isCloseTo((5 + 4 + 5) * 2 / 6.0, within(1e-9));
        // Passes of one text pad nothing.
        assertThat(sample.paddedTokensPerText(oneBatch, 1)).isCloseTo(sample.tokensPerText(), within(1e-9));
    }

    @Test
    void lengthenedTextsJoinDistinctRealTextsOfTheirColumnUntilTheTokenLimit() {
        List<Example> source = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            source.add(new Triplet("the " + WORDS.get(i), "a " + WORDS.get(i), "an " + WORDS.get(i)));
        }

        BenchmarkTriplets sample = BenchmarkTriplets.sample(source, 2, 5, tiny, true);

        assertThat(sample.lengthened()).isTrue();
        // The tiny model takes 32 tokens: [CLS], [SEP] and 30 word tokens, that is 15 two-word texts.
        assertThat(sample.tokensPerText()).isEqualTo(TinyBert.MAX_SEQ_LENGTH);
        List<String> articles = List.of("the", "a", "an");
        Set<String> parts = new HashSet<>();
        for (Triplet row : sample.rows()) {
            for (int column = 0; column < 3; column++) {
                String[] words = row.texts().get(column).split(" ");
                assertThat(words).hasSize(30);
                for (int i = 0; i < words.length; i += 2) {
                    // Each part is a real text of this column, used nowhere else.
                    assertThat(words[i]).isEqualTo(articles.get(column));
                    assertThat(WORDS).contains(words[i + 1]);
                    assertThat(parts.add(words[i] + " " + words[i + 1])).as("part used once").isTrue();
                }
            }
        }
    }
}
