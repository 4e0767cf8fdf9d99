package dev.contrastive4j.spi;

/** Creates one kind of converter; bound by name through {@link PluginBindings#converters}. */
public interface ConverterFactory {

    /**
     * Describes the converters this factory creates.
     *
     * @return their name, formats and parameters
     */
    ConverterDescriptor descriptor();

    /**
     * Creates a converter.
     *
     * @param parameters every declared parameter, validated against {@link #descriptor()}
     * @return a converter from the descriptor's source format to its target format
     */
    Converter create(ParameterValues parameters);
}
