package dev.contrastive4j.testkit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.contrastive4j.spi.Embedder;
import dev.contrastive4j.spi.LossContext;

/**
 * The trainer's side of an {@link dev.contrastive4j.spi.EncoderLoss} call, for tests: one open gradient collector
 * for the step, into which every {@link #backward} goes.
 *
 * @param encoder the encoder the loss embeds with
 * @param manager the step's manager
 * @param stepSeed the step's seed
 * @param collector the step's open collector
 */
public record TestLossContext(Embedder encoder, NDManager manager, long stepSeed, GradientCollector collector)
        implements LossContext {

    @Override
    public void backward(NDArray scalar) {
        collector.backward(scalar);
    }
}
