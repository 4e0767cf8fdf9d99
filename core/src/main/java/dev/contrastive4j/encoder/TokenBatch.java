package dev.contrastive4j.encoder;

import dev.contrastive4j.engine.PyTorchRuntime;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
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
     * {@code input_ids}, {@code attention_mask} and all-zero {@code token_type_ids}, int64, in {@code manager}, in
     * memory PyTorch owns: the embedding lookups' backward reads the ids after the batch's scope has closed.
     */
    NDList toNDList(NDManager manager) {
        Shape shape = new Shape(rows, length);
        return new NDList(
                PyTorchRuntime.owned(manager.create(ids, shape)),
                PyTorchRuntime.owned(manager.create(attentionMask, shape)),
                manager.zeros(shape, DataType.INT64));
    }
}
