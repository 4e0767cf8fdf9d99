package dev.contrastive4j.spi;

/** Creates one kind of converter; bound by name through {@link PluginBindings#converters}. */
public interface ConverterFactory {

    /** Name, formats and parameters of the converters this factory creates. */
    ConverterDescriptor descriptor();

    /** Creates a converter from validated parameters. */
    Converter create(ParameterValues parameters);
}
