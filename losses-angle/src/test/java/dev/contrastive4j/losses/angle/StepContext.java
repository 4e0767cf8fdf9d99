package dev.contrastive4j.losses.angle;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.contrastive4j.spi.Embedder;
import dev.contrastive4j.spi.LossContext;

/** One training step's context, as the trainer builds it (its own is package-private in core). */
record StepContext(Embedder encoder, NDManager manager, long stepSeed, GradientCollector collector)
        implements LossContext {

    @Override
    public void backward(NDArray scalar) {
        collector.backward(scalar);
    }
}
