package dev.contrastive4j.spi;

/**
 * The full loss contract: the loss embeds the texts itself and runs its own backward passes.
 *
 * <p>Called inside the trainer's one open gradient collector. The loss must leave in the encoder's
 * parameter gradients exactly {@code weight × ∂L/∂θ} added to whatever they held (backward passes
 * accumulate), and return the unweighted value of L.
 */
public non-sealed interface EncoderLoss extends Loss {

    /**
     * Computes the loss of one batch and back-propagates {@code weight × loss}.
     *
     * @param batch the text batch, in a format this loss's descriptor accepts
     * @param context the encoder being trained, a per-step NDManager and the backward hook
     * @param weight the loss's weight in the combination (1 when alone)
     * @return the unweighted loss value
     */
    double forwardBackward(Batch batch, LossContext context, double weight);
}
