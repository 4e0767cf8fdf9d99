package dev.contrastive4j.encoder;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.contrastive4j.engine.DropoutMasks;
import dev.contrastive4j.spi.GraphScalars;

/**
 * Dropout as {@code torch.nn.Dropout} computes it in training, {@code x · mask / (1 − rate)}, identity otherwise;
 * on the CPU its masks are drawn on all cores by {@link DropoutMasks} instead of on one thread by libtorch (unless
 * {@code -Dcontrastive4j.dropout=libtorch}).
 */
final class ParallelDropout extends AbstractBlock {

    private final double rate;

    ParallelDropout(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1], got " + rate);
        }
        this.rate = rate;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        if (!training || rate == 0) {
            return inputs;
        }
        // libtorch's generator is parallel off the CPU; rate 1 needs no mask at all.
        if (rate == 1 || !input.getDevice().getDeviceType().equals(Device.Type.CPU) || !DropoutMasks.inUse()) {
            return Dropout.dropout(input, (float) rate, true);
        }
        NDArray keep = DropoutMasks.keep(input.getManager(), input.getShape(), rate);
        // The product's backward keeps the mask, not the input, so the scaling may happen in place. The factor is
        // PyTorch-owned: backward reads it (see GraphScalars).
        return new NDList(input.mul(keep).muli(GraphScalars.of(input, 1 / (1 - rate))));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
