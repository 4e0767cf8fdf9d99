package dev.contrastive4j.plugin;

import com.google.inject.AbstractModule;
import dev.contrastive4j.spi.PluginBindings;

/**
 * The core's own bindings in the plugin injector. It declares the loss, converter and dataset maps, so that they
 * exist (empty) even when no plugin is installed.
 */
final class CoreModule extends AbstractModule {

    @Override
    protected void configure() {
        PluginBindings.losses(binder());
        PluginBindings.converters(binder());
        PluginBindings.datasets(binder());
    }
}
