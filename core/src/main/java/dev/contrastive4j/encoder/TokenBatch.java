package dev.contrastive4j.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;

/**
 * Token id sequences padded to the longest of them, ready for the model: row-major {@code (rows, length)}
 * ids and a 1/0 attention mask.
 *
 * @param ids token ids, padding positions hold the pad id
 * @param attentionMask 1 for real tokens, 0 for padding
 * @param rows number of sequences
 * @param length the longest sequence's length
 */
record TokenBatch(long[] ids, long[] attentionMask, int rows, int length) {

    /** Pads {@code sequences} on the right to the longest one. */
    static TokenBatch pad(List<long[]> sequences, long padId) {
        int length = sequences.stream().mapToInt(s -> s.length).max().orElse(0);
        int rows = sequences.size();
        long[] ids = new long[rows * length];
        long[] mask = new long[rows * length];
        Arrays.fill(ids, padId);
        for (int row = 0; row < rows; row++) {
            long[] sequence = sequences.get(row);
            System.arraycopy(sequence, 0, ids, row * length, sequence.length);
            Arrays.fill(mask, row * length, row * length + sequence.length, 1L);
        }
        return new TokenBatch(ids, mask, rows, length);
    }

    /**
     * {@code input_ids}, {@code attention_mask} and all-zero {@code token_type_ids}, int64, in {@code manager}.
     *
     * <p>Each array owns its memory. DJL's PyTorch engine makes an array from Java data as a view of a direct
     * buffer that only the Java array object keeps alive; but the autograd graph keeps the token ids (the
     * embedding lookup's backward needs them) after the pass's arrays are closed, and once the garbage
     * collector had freed that buffer, backward read whatever the memory then held: wrong gradients, or NaN.
     */
    NDList toNDList(NDManager manager) {
        Shape shape = new Shape(rows, length);
        return new NDList(
                owned(manager, ids, shape),
                owned(manager, attentionMask, shape),
                owned(manager, new long[ids.length], shape));
    }

    /** An array holding a copy of {@code values} in memory that PyTorch allocated and frees. */
    private static NDArray owned(NDManager manager, long[] values, Shape shape) {
        try (NDArray borrowed = manager.create(values, shape)) {
            return borrowed.duplicate();
        }
    }
}
