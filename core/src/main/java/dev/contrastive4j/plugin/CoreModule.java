package dev.contrastive4j.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import dev.contrastive4j.encoder.SharedEncoders;
import dev.contrastive4j.spi.PluginBindings;

/**
 * The core's own bindings in the plugin injector. It declares the loss, converter and dataset maps, so that they
 * exist (empty) even when no plugin is installed, and the services plugin factories may inject beyond those Guice
 * creates on its own: {@link SharedEncoders}, one per injector (e.g. GISTEmbed's guide models).
 */
final class CoreModule extends AbstractModule {

    @Override
    protected void configure() {
        PluginBindings.losses(binder());
        PluginBindings.converters(binder());
        PluginBindings.datasets(binder());
        bind(SharedEncoders.class).in(Singleton.class);
    }
}
