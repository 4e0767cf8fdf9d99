package dev.contrastive4j.plugin;

import dev.contrastive4j.spi.LossDescriptor;
import dev.contrastive4j.spi.LossFactory;

/**
 * A loss factory found on the classpath.
 *
 * @param descriptor what the factory says about its losses
 * @param factory the factory itself
 * @param source the jar or folder it came from
 */
public record LoadedLoss(LossDescriptor descriptor, LossFactory factory, String source) {
}
