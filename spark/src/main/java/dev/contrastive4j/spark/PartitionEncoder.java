package dev.contrastive4j.spark;

import dev.contrastive4j.encoding.PromptedEncoder;
import dev.contrastive4j.prompts.PromptRole;
import dev.contrastive4j.spi.ContrastiveException;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Embeds one partition's texts chunk by chunk with the executor's copy of the model: {@code chunkSize} texts are
 * handed to core's {@link PromptedEncoder} at a time (which sorts them by length into batches), so a partition is
 * never held whole and padding stays low. Lazy: Spark pulls the rows as it writes them on.
 *
 * @param model the model and its prompts
 * @param role the column the texts are (its prompt is applied)
 * @param normalize scale to unit length when the model does not
 * @param batchSize texts per forward pass
 * @param chunkSize texts per encoder call
 */
record PartitionEncoder(SparkModel model, PromptRole role, boolean normalize, int batchSize, int chunkSize)
        implements Serializable {

    PartitionEncoder {
        if (batchSize < 1) {
            throw new ContrastiveException("batch size must be at least 1, found " + batchSize);
        }
        if (chunkSize < 1) {
            throw new ContrastiveException("chunk size must be at least 1, found " + chunkSize);
        }
    }

    /** The same settings for another column. */
    PartitionEncoder as(PromptRole otherRole) {
        return new PartitionEncoder(model, otherRole, normalize, batchSize, chunkSize);
    }

    /**
     * Embeds each item's text and combines the item with its embedding, in partition order.
     *
     * @param text the item's text; {@code null} is refused
     */
    <T, R> Iterator<R> embed(Iterator<T> items, Function<T, String> text, BiFunction<T, float[], R> combine) {
        return new Iterator<>() {
            private final Deque<R> ready = new ArrayDeque<>();

            @Override
            public boolean hasNext() {
                if (ready.isEmpty() && items.hasNext()) {
                    embedNextChunk();
                }
                return !ready.isEmpty();
            }

            @Override
            public R next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.removeFirst();
            }

            private void embedNextChunk() {
                List<T> chunk = new ArrayList<>(chunkSize);
                List<String> texts = new ArrayList<>(chunkSize);
                while (chunk.size() < chunkSize && items.hasNext()) {
                    T item = items.next();
                    String value = text.apply(item);
                    if (value == null) {
                        throw new ContrastiveException("a text to embed is null: expected a string in every row");
                    }
                    chunk.add(item);
                    texts.add(value);
                }
                float[][] embeddings = ExecutorModels.withEncoder(model, encoder ->
                        new PromptedEncoder(encoder, model.prompts(), role, normalize, batchSize).encode(texts));
                for (int i = 0; i < chunk.size(); i++) {
                    ready.addLast(combine.apply(chunk.get(i), embeddings[i]));
                }
            }
        };
    }
}
