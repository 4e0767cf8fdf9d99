package dev.contrastive4j.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextEmbedderTruncationTest {

    private static final TextEmbedder LENGTHS = texts -> texts.stream()
            .map(t -> new float[] {t.length(), 2, 3, 4}).toArray(float[][]::new);

    @Test
    void keepsTheLeadingComponentsWithoutNormalising() {
        float[][] truncated = LENGTHS.truncatedTo(2).embed(List.of("abc", "a"));

        assertThat(truncated).isDeepEqualTo(new float[][] {{3, 2}, {1, 2}});
        assertThat(LENGTHS.truncatedTo(4).embed(List.of("ab"))).isDeepEqualTo(new float[][] {{2, 2, 3, 4}});
    }

    @Test
    void aSizeBeyondTheEmbeddingsOrBelowOneIsRefused() {
        assertThatThrownBy(() -> LENGTHS.truncatedTo(5).embed(List.of("a")))
                .hasMessage("cannot truncate embeddings of dimension 4 to 5");
        assertThatThrownBy(() -> LENGTHS.truncatedTo(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
