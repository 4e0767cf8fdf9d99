package dev.contrastive4j.losses.angle;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.EmbeddedBatch;

/** The input check and the label handling the pair losses share. */
final class ScoredPairBatches {

    private ScoredPairBatches() {
    }

    /** Fails unless {@code batch} holds scored pairs: two embedded columns and one gold score per row. */
    static void require(EmbeddedBatch batch, String lossName) {
        if (batch.format() != DataFormat.SCORED_PAIR) {
            throw new ContrastiveException("loss '" + lossName + "' expected a batch of scored-pair rows, got "
                    + batch.format().cliName() + "; the trainer converts other formats with a converter plugin");
        }
        long rows = batch.size();
        if (batch.scores().getShape().size() != rows) {
            throw new ContrastiveException("loss '" + lossName + "' expected one gold score per row (" + rows
                    + " rows), got scores of shape " + batch.scores().getShape());
        }
    }

    /**
     * A copy of {@code values} (labels, masks: arrays without a graph) in the given type and in memory PyTorch
     * owns. An array DJL makes from Java data is a view of a direct buffer that the garbage collector may free
     * before backward reads it, and a product's backward reads its other operand.
     */
    static NDArray owned(NDArray values, DataType type) {
        return values.getDataType() == type ? values.duplicate() : values.toType(type, false);
    }
}
