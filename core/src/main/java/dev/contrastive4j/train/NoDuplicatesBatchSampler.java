package dev.contrastive4j.train;

import dev.contrastive4j.spi.Example;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Splits a data set into batches in which no text appears twice, in any column.
 *
 * <p>Why: losses with in-batch negatives treat every other row's positive as a negative for this anchor. If the
 * same text is also this anchor's positive, the loss pushes the anchor away from its own positive. The sampler
 * walks the rows in a seeded random order and puts each row into the first batch whose texts it does not share;
 * rows that clash wait for a later batch. The order depends only on the seed and the epoch, so a run that
 * resumes from a checkpoint can recompute the epoch and skip the batches already trained on.
 */
public final class NoDuplicatesBatchSampler {

    private final List<? extends Example> rows;
    private final int batchSize;
    private final long seed;
    private final boolean dropLast;

    /**
     * @param rows the data set
     * @param batchSize rows per batch
     * @param seed the shuffling seed
     * @param dropLast whether a last, smaller batch is dropped
     */
    public NoDuplicatesBatchSampler(List<? extends Example> rows, int batchSize, long seed, boolean dropLast) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        this.rows = rows;
        this.batchSize = batchSize;
        this.seed = seed;
        this.dropLast = dropLast;
    }

    /** The batches of one epoch, as row indices, in training order. */
    public List<int[]> batches(int epoch) {
        List<Integer> order = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(mix(seed, epoch)));
        LinkedHashSet<Integer> remaining = new LinkedHashSet<>(order);
        List<int[]> batches = new ArrayList<>();
        while (!remaining.isEmpty()) {
            List<Integer> batch = new ArrayList<>(batchSize);
            Set<String> texts = new HashSet<>();
            for (Iterator<Integer> it = remaining.iterator(); it.hasNext() && batch.size() < batchSize; ) {
                int index = it.next();
                List<String> rowTexts = rows.get(index).texts();
                if (Collections.disjoint(texts, rowTexts)) {
                    texts.addAll(rowTexts);
                    batch.add(index);
                    it.remove();
                }
            }
            if (batch.size() < batchSize && dropLast) {
                break;
            }
            batches.add(batch.stream().mapToInt(Integer::intValue).toArray());
        }
        return batches;
    }

    /** Number of batches per epoch (the same for every epoch only approximately; computed for epoch 0). */
    public int batchesPerEpoch() {
        return batches(0).size();
    }

    private static long mix(long seed, int epoch) {
        long z = seed + 0x9E3779B97F4A7C15L * (epoch + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
