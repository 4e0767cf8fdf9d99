package dev.contrastive4j.losses.ranking;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.contrastive4j.spi.Embedder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * An {@link Embedder} that records every call it passes on, and can alter the seed of the passes with a graph
 * (to show what happens when a cached loss does not replay its dropout masks).
 */
final class RecordingEmbedder implements Embedder {

    /**
     * One forward pass.
     *
     * @param withGradient whether it built a graph
     * @param texts the texts embedded
     * @param seed the dropout seed the loss asked for
     * @param manager the manager the loss gave for the result
     * @param earlierGraphsFreed for a pass with a graph: whether every earlier pass's manager was closed by then
     */
    record Call(boolean withGradient, List<String> texts, long seed, NDManager manager, boolean earlierGraphsFreed) {
    }

    private final Embedder delegate;
    private final LongUnaryOperator seedWithGradient;
    private final List<Call> calls = new ArrayList<>();

    RecordingEmbedder(Embedder delegate) {
        this(delegate, LongUnaryOperator.identity());
    }

    RecordingEmbedder(Embedder delegate, LongUnaryOperator seedWithGradient) {
        this.delegate = delegate;
        this.seedWithGradient = seedWithGradient;
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    List<Call> calls(boolean withGradient) {
        return calls.stream().filter(c -> c.withGradient() == withGradient).toList();
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public NDArray embedDetached(List<String> texts, NDManager manager, long dropoutSeed) {
        calls.add(new Call(false, List.copyOf(texts), dropoutSeed, manager, true));
        return delegate.embedDetached(texts, manager, dropoutSeed);
    }

    @Override
    public NDArray embedWithGradient(List<String> texts, NDManager manager, long dropoutSeed) {
        boolean earlierFreed = calls.stream().filter(Call::withGradient).noneMatch(c -> c.manager().isOpen());
        calls.add(new Call(true, List.copyOf(texts), dropoutSeed, manager, earlierFreed));
        return delegate.embedWithGradient(texts, manager, seedWithGradient.applyAsLong(dropoutSeed));
    }
}
