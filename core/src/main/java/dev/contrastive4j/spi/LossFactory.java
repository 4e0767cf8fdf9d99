package dev.contrastive4j.spi;

/**
 * Creates one kind of loss. A plugin binds one factory per loss under the loss's name
 * (see {@link PluginBindings#losses}); factories may {@code @Inject} services the core offers.
 */
public interface LossFactory {

    /**
     * Describes the losses this factory creates.
     *
     * @return their name, aliases, formats and parameters
     */
    LossDescriptor descriptor();

    /**
     * Creates a loss.
     *
     * @param parameters every declared parameter, validated against {@link #descriptor()}
     * @return an {@link EmbeddingLoss} or an {@link EncoderLoss}
     * @throws ContrastiveException if the combination of values is unusable
     */
    Loss create(ParameterValues parameters);
}
