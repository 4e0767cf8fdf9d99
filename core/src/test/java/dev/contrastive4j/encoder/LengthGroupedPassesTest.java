package dev.contrastive4j.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

class LengthGroupedPassesTest {

    private static final IntUnaryOperator UNBOUNDED = length -> Integer.MAX_VALUE;

    @Test
    void equalLengthsMakeOnePass() {
        List<int[]> plan = LengthGroupedPasses.plan(new int[] {12, 12, 12, 12}, UNBOUNDED);
        assertThat(plan).hasSize(1);
        assertThat(plan.get(0)).containsExactly(0, 1, 2, 3);
    }

    @Test
    void shortTextsAreNotPaddedToALongOne() {
        int[] lengths = new int[33];
        Arrays.fill(lengths, 8);
        lengths[17] = 200;
        // One pass: 33 × 200 = 6,600 padded tokens. Two: 200 + 32 × 8 = 456, plus one more pass's overhead.
        List<int[]> plan = LengthGroupedPasses.plan(lengths, UNBOUNDED);
        assertThat(plan).hasSize(2);
        assertThat(plan.get(0)).containsExactly(17);
        assertThat(plan.get(1)).hasSize(32).doesNotContain(17);
    }

    @Test
    void smallDifferencesAreNotWorthAnotherPass() {
        // Splitting 10 + 10 rows of 12 and 11 tokens saves 10 padded tokens, less than a pass costs.
        int[] lengths = new int[20];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = i % 2 == 0 ? 12 : 11;
        }
        assertThat(LengthGroupedPasses.plan(lengths, UNBOUNDED)).hasSize(1);
    }

    @Test
    void theMemoryBoundLimitsEveryPass() {
        int[] lengths = new int[20];
        Arrays.fill(lengths, 256);
        List<int[]> plan = LengthGroupedPasses.plan(lengths, length -> length >= 256 ? 8 : 64);
        assertThat(plan).extracting(pass -> pass.length).containsExactly(8, 8, 4);
    }

    @Test
    void thePlanIsTheCheapestOfAllContiguousSplits() {
        Random random = new Random(5);
        for (int trial = 0; trial < 200; trial++) {
            int[] lengths = new int[1 + random.nextInt(12)];
            for (int i = 0; i < lengths.length; i++) {
                lengths[i] = 1 + random.nextInt(random.nextBoolean() ? 20 : 300);
            }
            IntUnaryOperator bound = length -> length > 150 ? 3 : 100;
            List<int[]> plan = LengthGroupedPasses.plan(lengths, bound);
            assertThat(plan.stream().flatMapToInt(Arrays::stream).sorted().toArray())
                    .containsExactly(java.util.stream.IntStream.range(0, lengths.length).toArray());
            for (int[] pass : plan) {
                assertThat(pass.length).isLessThanOrEqualTo(bound.applyAsInt(lengths[pass[0]]));
            }
            assertThat(cost(plan, lengths)).isEqualTo(cheapestByEnumeration(lengths, bound));
        }
    }

    private static long cost(List<int[]> plan, int[] lengths) {
        long total = 0;
        for (int[] pass : plan) {
            int longest = Arrays.stream(pass).map(i -> lengths[i]).max().orElseThrow();
            total += (long) pass.length * longest + LengthGroupedPasses.PASS_OVERHEAD_TOKENS;
        }
        return total;
    }

    /** Every way to cut the texts, sorted by length, into consecutive passes: 2^(n-1) plans. */
    private static long cheapestByEnumeration(int[] lengths, IntUnaryOperator bound) {
        int[] sorted = Arrays.stream(lengths).boxed().sorted((a, b) -> b - a).mapToInt(Integer::intValue).toArray();
        long best = Long.MAX_VALUE;
        for (int cuts = 0; cuts < 1 << (sorted.length - 1); cuts++) {
            List<int[]> passes = new ArrayList<>();
            int start = 0;
            boolean fits = true;
            long total = 0;
            for (int i = 1; i <= sorted.length; i++) {
                if (i == sorted.length || (cuts & (1 << (i - 1))) != 0) {
                    int rows = i - start;
                    fits &= rows <= bound.applyAsInt(sorted[start]);
                    total += (long) rows * sorted[start] + LengthGroupedPasses.PASS_OVERHEAD_TOKENS;
                    start = i;
                }
            }
            if (fits) {
                best = Math.min(best, total);
            }
        }
        return best;
    }
}
