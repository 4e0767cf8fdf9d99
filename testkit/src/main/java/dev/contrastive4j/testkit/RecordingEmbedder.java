package dev.contrastive4j.testkit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.contrastive4j.spi.Embedder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * An {@link Embedder} that passes every call on to another and records it: which texts, which seed, with or
 * without a graph, and whether earlier graphs were freed by then. It can also alter the seed of the passes with a
 * graph, to show what a cached loss computes when it does not replay its dropout masks.
 */
public final class RecordingEmbedder implements Embedder {

    /**
     * One forward pass.
     *
     * @param withGradient whether it built a graph
     * @param texts the texts embedded
     * @param seed the dropout seed the loss asked for
     * @param manager the manager the loss gave for the result
     * @param earlierGraphsFreed for a pass with a graph: whether every earlier such pass's manager was closed by then
     */
    public record Call(boolean withGradient, List<String> texts, long seed, NDManager manager,
            boolean earlierGraphsFreed) {
    }

    private final Embedder delegate;
    private final LongUnaryOperator seedWithGradient;
    private final List<Call> calls = new ArrayList<>();

    /**
     * Records and passes every call on unchanged.
     *
     * @param delegate the encoder that embeds
     */
    public RecordingEmbedder(Embedder delegate) {
        this(delegate, LongUnaryOperator.identity());
    }

    /**
     * Records, and hands passes with a graph a changed seed (the recorded seed is the one the loss asked for).
     *
     * @param delegate the encoder that embeds
     * @param seedWithGradient the seed actually used for a pass with a graph, from the one asked for
     */
    public RecordingEmbedder(Embedder delegate, LongUnaryOperator seedWithGradient) {
        this.delegate = delegate;
        this.seedWithGradient = seedWithGradient;
    }

    /** @return every call so far, in order */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /**
     * @param withGradient {@code true} for the passes with a graph, {@code false} for the detached ones
     * @return those calls, in order
     */
    public List<Call> calls(boolean withGradient) {
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
