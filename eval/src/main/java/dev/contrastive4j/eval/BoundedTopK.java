package dev.contrastive4j.eval;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The {@code k} best (score, index) candidates seen so far, in a binary min-heap whose root is the worst
 * kept candidate, so each offer costs O(1) when rejected and O(log k) when kept.
 *
 * <p>"Better" means a higher score, and for equal scores a lower index (earlier in the corpus). With this
 * total order the kept set does not depend on the order candidates arrive in.
 *
 * <p>Public so that a search split over machines ({@code contrastive4j-spark}) merges the partial top-k lists of
 * its corpus blocks by the same order: the k best of the union of each block's k best are the corpus's k best.
 */
public final class BoundedTopK {

    private final double[] scores;
    private final int[] indices;
    private int size;

    public BoundedTopK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        scores = new double[k];
        indices = new int[k];
    }

    /** Keeps the candidate if fewer than k are kept or it beats the worst kept one. */
    public void offer(double rawScore, int index) {
        double score = rawScore + 0.0; // -0.0 becomes 0.0, so that == and sorting agree on ties
        if (size < scores.length) {
            scores[size] = score;
            indices[size] = index;
            siftUp(size++);
        } else if (isWorse(scores[0], indices[0], score, index)) {
            scores[0] = score;
            indices[0] = index;
            siftDown(0);
        }
    }

    /** The number of candidates kept (at most k). */
    public int size() {
        return size;
    }

    /** Positions into the kept candidates, best first. */
    private Integer[] bestFirst() {
        Integer[] order = IntStream.range(0, size).boxed().toArray(Integer[]::new);
        // kept indices are distinct, so two different positions never compare equal
        Arrays.sort(order, (a, b) -> a.equals(b) ? 0 : isWorse(scores[a], indices[a], scores[b], indices[b]) ? 1 : -1);
        return order;
    }

    /** The kept indices, best first. */
    public int[] indicesBestFirst() {
        return Arrays.stream(bestFirst()).mapToInt(i -> indices[i]).toArray();
    }

    /** The kept scores, best first (aligned with {@link #indicesBestFirst()}). */
    public double[] scoresBestFirst() {
        return Arrays.stream(bestFirst()).mapToDouble(i -> scores[i]).toArray();
    }

    /** Whether candidate (s1, i1) is worse than (s2, i2). */
    private static boolean isWorse(double s1, int i1, double s2, int i2) {
        return s1 < s2 || (s1 == s2 && i1 > i2);
    }

    private void siftUp(int child) {
        while (child > 0) {
            int parent = (child - 1) / 2;
            if (!isWorse(scores[child], indices[child], scores[parent], indices[parent])) {
                return;
            }
            swap(child, parent);
            child = parent;
        }
    }

    private void siftDown(int parent) {
        while (true) {
            int worst = parent;
            int left = 2 * parent + 1;
            int right = left + 1;
            if (left < size && isWorse(scores[left], indices[left], scores[worst], indices[worst])) {
                worst = left;
            }
            if (right < size && isWorse(scores[right], indices[right], scores[worst], indices[worst])) {
                worst = right;
            }
            if (worst == parent) {
                return;
            }
            swap(parent, worst);
            parent = worst;
        }
    }

    private void swap(int a, int b) {
        double s = scores[a];
        scores[a] = scores[b];
        scores[b] = s;
        int i = indices[a];
        indices[a] = indices[b];
        indices[b] = i;
    }
}
