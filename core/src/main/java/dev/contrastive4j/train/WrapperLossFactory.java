package dev.contrastive4j.train;

import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.Loss;
import dev.contrastive4j.spi.LossFactory;
import dev.contrastive4j.spi.ParameterValues;

/**
 * A core loss that wraps other losses, written {@code name(<loss or combination>, parameters…)}: the loss
 * expression validator asks the plugin registry whether a name wraps (factories of this type do), and
 * {@link LossPlan} plans the wrapped losses for the data before it calls {@link #wrap}. Its descriptor is listed
 * by {@code c4j losses} like any plugin's.
 */
public interface WrapperLossFactory extends LossFactory {

    /**
     * Creates the wrapper around already planned losses.
     *
     * @param inner the wrapped losses, each with the converter the data needs
     * @param parameters the wrapper's own parameters, validated against {@link #descriptor()}
     * @return the loss that runs the wrapped ones
     * @throws ContrastiveException if the combination of values is unusable
     */
    Loss wrap(LossPlan inner, ParameterValues parameters);

    /** A wrapper cannot be created without the losses it wraps; {@link LossPlan} calls {@link #wrap}. */
    @Override
    default Loss create(ParameterValues parameters) {
        throw new ContrastiveException("loss '" + descriptor().name() + "' wraps another loss: write "
                + descriptor().name() + "(<loss or combination>, ...)");
    }
}
