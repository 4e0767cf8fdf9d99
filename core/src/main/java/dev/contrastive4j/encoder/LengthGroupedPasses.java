package dev.contrastive4j.encoder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;

/**
 * Splits one batch of texts that must be embedded together (a training column, whose order the loss fixes) into
 * forward passes of texts of similar length, so that short texts are not padded to the longest one's length.
 * A pass costs its rows times its longest text in padded tokens, plus a fixed {@link #PASS_OVERHEAD_TOKENS} for
 * the operations every pass runs whatever its size; the plan with the least total cost is found exactly (dynamic
 * programming over the texts sorted by length). A pass never holds more rows than the memory bound allows for its
 * longest text.
 *
 * <p>The plan depends only on the token lengths, so two calls on the same texts (GradCache's pass without and
 * with the graph) run the same passes and draw the same dropout masks.
 */
final class LengthGroupedPasses {

    /**
     * The fixed cost of one more pass, in padded tokens: roughly what the pass's per-operation work (about 200
     * native calls forward and backward) and its smaller matrix products cost beside one token's arithmetic.
     */
    static final int PASS_OVERHEAD_TOKENS = 64;

    private LengthGroupedPasses() {}

    /**
     * The passes for texts of {@code lengths} tokens: each pass lists the indices of its texts, longest first;
     * the passes run longest first and together hold every index once.
     *
     * @param maxRows the most rows a pass may hold when its longest text has the given length
     */
    static List<int[]> plan(int[] lengths, IntUnaryOperator maxRows) {
        int count = lengths.length;
        int[] byLength = IntStream.range(0, count).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> lengths[i]).reversed().thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
        // cost[i]: least cost of the i longest texts; start[i]: where the last pass of that plan starts.
        long[] cost = new long[count + 1];
        int[] start = new int[count + 1];
        for (int end = 1; end <= count; end++) {
            cost[end] = Long.MAX_VALUE;
            for (int first = end - 1; first >= 0; first--) {
                int longest = lengths[byLength[first]];
                int rows = end - first;
                if (rows > Math.max(1, maxRows.applyAsInt(longest))) {
                    break;
                }
                long candidate = cost[first] + (long) rows * longest + PASS_OVERHEAD_TOKENS;
                if (candidate < cost[end]) {
                    cost[end] = candidate;
                    start[end] = first;
                }
            }
        }
        List<int[]> passes = new ArrayList<>();
        for (int end = count; end > 0; end = start[end]) {
            passes.add(Arrays.copyOfRange(byLength, start[end], end));
        }
        Collections.reverse(passes);
        return passes;
    }
}
