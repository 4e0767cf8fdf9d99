package dev.contrastive4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.contrastive4j.spi.Embedder;
import dev.contrastive4j.spi.LossContext;

/** The {@link LossContext} of one training step: the model, the step's manager and the open collector. */
record StepLossContext(Embedder encoder, NDManager manager, long stepSeed, GradientCollector collector)
        implements LossContext {

    @Override
    public void backward(NDArray scalar) {
        collector.backward(scalar);
    }
}
