package com.example.marginranking;

import com.google.inject.AbstractModule;
import dev.contrastive4j.spi.PluginBindings;
import dev.contrastive4j.spi.PluginModule;

/**
 * The plugin's entry point, listed in {@code META-INF/services/dev.contrastive4j.spi.PluginModule}: binds the
 * loss factory under the loss's name.
 */
public final class MarginRankingPlugin extends AbstractModule implements PluginModule {

    @Override
    protected void configure() {
        PluginBindings.losses(binder()).addBinding(MarginRankingLossFactory.NAME).to(MarginRankingLossFactory.class);
    }
}
