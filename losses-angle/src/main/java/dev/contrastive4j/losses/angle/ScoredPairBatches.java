package dev.contrastive4j.losses.angle;

import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.EmbeddedBatch;

/** The one input check the pair losses share. */
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
}
