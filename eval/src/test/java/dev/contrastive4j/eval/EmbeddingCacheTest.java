package dev.contrastive4j.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddingCacheTest {

    private static FixedVectors model() {
        return new FixedVectors().with("a", 1, 0).with("b", 0, 1).with("c", 1, 1);
    }

    @Test
    void aTextIsEmbeddedOnceAndNewTextsGoToTheModelTogetherWithoutRepeats() {
        FixedVectors model = model();
        EmbeddingCache cache = new EmbeddingCache(model);

        float[][] first = cache.embed(List.of("a", "b", "a"));
        float[][] second = cache.embed(List.of("b", "c", "c"));

        assertThat(model.batches()).containsExactly(List.of("a", "b"), List.of("c"));
        assertThat(first).isDeepEqualTo(new float[][] {{1, 0}, {0, 1}, {1, 0}});
        assertThat(second).isDeepEqualTo(new float[][] {{0, 1}, {1, 1}, {1, 1}});
    }

    @Test
    void onceFullItStillEmbedsButKeepsNoMore() {
        FixedVectors model = model();
        // room for two 2-dimensional rows
        EmbeddingCache cache = new EmbeddingCache(model, 4);

        cache.embed(List.of("a", "b", "c"));
        float[][] again = cache.embed(List.of("a", "b", "c"));

        assertThat(cache.size()).isEqualTo(2);
        assertThat(model.batches()).containsExactly(List.of("a", "b", "c"), List.of("c"));
        assertThat(again[2]).containsExactly(1, 1);
    }

    @Test
    void changingAReturnedRowDoesNotChangeTheCache() {
        EmbeddingCache cache = new EmbeddingCache(model());

        cache.embed(List.of("a"))[0][0] = 42;

        assertThat(cache.embed(List.of("a"))[0]).containsExactly(1, 0);
    }

    @Test
    void anEmptyCallAsksTheModelNothing() {
        FixedVectors model = model();

        assertThat(new EmbeddingCache(model).embed(List.of())).isEmpty();
        assertThat(model.batches()).isEmpty();
    }
}
