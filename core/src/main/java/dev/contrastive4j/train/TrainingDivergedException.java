package dev.contrastive4j.train;

import dev.contrastive4j.spi.ContrastiveException;

/** The loss or the gradients became NaN or infinite; the run stopped and kept its last good checkpoint. */
public final class TrainingDivergedException extends ContrastiveException {

    private static final long serialVersionUID = 1L;

    private final long step;

    public TrainingDivergedException(String message, long step) {
        super(message);
        this.step = step;
    }

    /** The 1-based update at which the run diverged. */
    public long step() {
        return step;
    }
}
