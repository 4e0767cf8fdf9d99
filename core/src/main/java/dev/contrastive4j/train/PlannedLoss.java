package dev.contrastive4j.train;

import dev.contrastive4j.spi.Converter;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.Loss;
import java.util.Optional;

/**
 * One term of a weighted loss combination, ready to run on the training data's format.
 *
 * @param weight the term's weight
 * @param name the canonical text of the term without its weight, e.g. {@code triplet(margin=0.5)}, for logs
 * @param loss the loss instance
 * @param converter the conversion from the data's format to one the loss accepts, if needed
 * @param converterName the converter's name, or empty
 * @param inputFormat the format the loss receives
 */
public record PlannedLoss(double weight, String name, Loss loss, Optional<Converter> converter,
        Optional<String> converterName, DataFormat inputFormat) {
}
