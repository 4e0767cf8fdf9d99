package dev.contrastive4j.losses.angle;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.contrastive4j.spi.Embedder;
import java.util.ArrayList;
import java.util.List;

/** Passes every call on to a real encoder and records which texts each pass embedded. */
final class RecordingEmbedder implements Embedder {

    private final Embedder encoder;
    /** The texts of every {@link #embedWithGradient} call, one list per call. */
    final List<List<String>> passesWithGradient = new ArrayList<>();
    int detachedPasses;

    RecordingEmbedder(Embedder encoder) {
        this.encoder = encoder;
    }

    @Override
    public int dimension() {
        return encoder.dimension();
    }

    @Override
    public NDArray embedDetached(List<String> texts, NDManager manager, long dropoutSeed) {
        detachedPasses++;
        return encoder.embedDetached(texts, manager, dropoutSeed);
    }

    @Override
    public NDArray embedWithGradient(List<String> texts, NDManager manager, long dropoutSeed) {
        passesWithGradient.add(List.copyOf(texts));
        return encoder.embedWithGradient(texts, manager, dropoutSeed);
    }
}
