package dev.contrastive4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive4j.spi.Triplet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NoDuplicatesBatchSamplerTest {

    /** 40 rows; positives repeat every 5 rows, and each row's negative is another row's positive. */
    private static List<Triplet> rowsWithSharedTexts() {
        List<Triplet> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rows.add(new Triplet("anchor " + i, "definition " + (i % 5), "definition " + ((i + 1) % 5)));
        }
        return rows;
    }

    @Test
    void noTextAppearsTwiceInABatchInAnyColumn() {
        List<Triplet> rows = rowsWithSharedTexts();
        NoDuplicatesBatchSampler sampler = new NoDuplicatesBatchSampler(rows, 4, 7, false);

        for (int[] batch : sampler.batches(0)) {
            List<String> texts = new ArrayList<>();
            Arrays.stream(batch).forEach(i -> texts.addAll(rows.get(i).texts()));
            assertThat(texts).doesNotHaveDuplicates();
        }
    }

    @Test
    void everyRowIsUsedExactlyOncePerEpoch() {
        List<Triplet> rows = rowsWithSharedTexts();
        List<int[]> batches = new NoDuplicatesBatchSampler(rows, 4, 7, false).batches(3);

        List<Integer> used = new ArrayList<>();
        batches.forEach(b -> Arrays.stream(b).forEach(used::add));
        assertThat(used).hasSize(40).doesNotHaveDuplicates();
    }

    @Test
    void orderDependsOnlyOnSeedAndEpoch() {
        List<Triplet> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            rows.add(new Triplet("a" + i, "p" + i, "n" + i));
        }
        NoDuplicatesBatchSampler sampler = new NoDuplicatesBatchSampler(rows, 8, 42, false);

        assertThat(sampler.batches(1)).usingRecursiveComparison()
                .isEqualTo(new NoDuplicatesBatchSampler(rows, 8, 42, false).batches(1));
        assertThat(Arrays.deepEquals(sampler.batches(1).toArray(), sampler.batches(2).toArray())).isFalse();
        assertThat(Arrays.deepEquals(sampler.batches(1).toArray(),
                new NoDuplicatesBatchSampler(rows, 8, 43, false).batches(1).toArray())).isFalse();
    }

    @Test
    void dropLastDropsTheIncompleteTail() {
        List<Triplet> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(new Triplet("a" + i, "p" + i, "n" + i));
        }

        assertThat(new NoDuplicatesBatchSampler(rows, 4, 1, true).batches(0)).hasSize(2);
        List<int[]> kept = new NoDuplicatesBatchSampler(rows, 4, 1, false).batches(0);
        assertThat(kept).hasSize(3);
        assertThat(kept.get(2)).hasSize(2);
        Set<Integer> all = new HashSet<>();
        kept.forEach(b -> Arrays.stream(b).forEach(all::add));
        assertThat(all).hasSize(10);
    }
}
