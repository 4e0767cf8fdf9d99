package dev.contrastive4j.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import dev.contrastive4j.encoder.SharedEncoders;
import dev.contrastive4j.spi.FrozenModels;
import dev.contrastive4j.spi.PluginBindings;
import dev.contrastive4j.train.MatryoshkaLossFactory;

/**
 * The core's own bindings in the plugin injector. It declares the loss, converter and dataset maps, so that they
 * exist even when no plugin is installed (the loss map holding the core's {@code matryoshka}), and the services plugin factories may inject beyond those Guice
 * creates on its own: {@link SharedEncoders}, one per injector (e.g. GISTEmbed's guide models), which plugins
 * inject as the SPI's {@link FrozenModels}.
 */
final class CoreModule extends AbstractModule {

    @Override
    protected void configure() {
        // The core's own loss: matryoshka wraps other losses, so it lives with the training loop, not in a plugin.
        PluginBindings.losses(binder()).addBinding(MatryoshkaLossFactory.NAME).to(MatryoshkaLossFactory.class);
        PluginBindings.converters(binder());
        PluginBindings.datasets(binder());
        bind(SharedEncoders.class).in(Singleton.class);
        // Plugins see the shared encoders through the SPI (guide and teacher models), never the encoder package.
        bind(FrozenModels.class).to(SharedEncoders.class);
    }
}
