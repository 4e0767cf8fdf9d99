package dev.contrastive4j.losses.gist;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.contrastive4j.spi.Embedder;
import dev.contrastive4j.spi.LossContext;

/** The trainer's side of an {@link dev.contrastive4j.spi.EncoderLoss} call: one open collector per step. */
record TestLossContext(Embedder encoder, NDManager manager, long stepSeed, GradientCollector collector)
        implements LossContext {

    @Override
    public void backward(NDArray scalar) {
        collector.backward(scalar);
    }
}
