package dev.contrastive4j.plugin;

import dev.contrastive4j.spi.ConverterDescriptor;
import dev.contrastive4j.spi.ConverterFactory;

/**
 * A converter factory found on the classpath.
 *
 * @param descriptor what the factory says about its converters
 * @param factory the factory itself
 * @param source the jar or folder it came from
 */
public record LoadedConverter(ConverterDescriptor descriptor, ConverterFactory factory, String source) {
}
