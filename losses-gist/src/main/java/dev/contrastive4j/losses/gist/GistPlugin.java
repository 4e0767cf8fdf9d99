package dev.contrastive4j.losses.gist;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import dev.contrastive4j.spi.LossFactory;
import dev.contrastive4j.spi.PluginBindings;
import dev.contrastive4j.spi.PluginModule;

/**
 * The guided-losses plugin: {@code gist}, {@code cgist} and {@code margin-mse}. Listed in
 * {@code META-INF/services/dev.contrastive4j.spi.PluginModule}. The factories inject the SPI's
 * {@link dev.contrastive4j.spi.FrozenModels}, which the core shares, so that one guide model serves every loss and
 * every step.
 */
public final class GistPlugin extends AbstractModule implements PluginModule {

    @Override
    protected void configure() {
        MapBinder<String, LossFactory> losses = PluginBindings.losses(binder());
        losses.addBinding(GISTEmbedLossFactory.NAME).to(GISTEmbedLossFactory.class);
        losses.addBinding(CachedGISTEmbedLossFactory.NAME).to(CachedGISTEmbedLossFactory.class);
        losses.addBinding(MarginMSELoss.NAME).to(MarginMSELossFactory.class);
    }
}
