package dev.contrastive4j.converters;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import dev.contrastive4j.spi.ConverterFactory;
import dev.contrastive4j.spi.PluginBindings;
import dev.contrastive4j.spi.PluginModule;

/**
 * The data-converters plugin: registers {@code triplet-to-scored-pairs} and {@code triplet-to-pairs}. Listed in
 * {@code META-INF/services/dev.contrastive4j.spi.PluginModule}.
 */
public final class ConvertersPlugin extends AbstractModule implements PluginModule {

    @Override
    protected void configure() {
        MapBinder<String, ConverterFactory> converters = PluginBindings.converters(binder());
        converters.addBinding(TripletToScoredPairs.NAME).to(TripletToScoredPairsFactory.class);
        converters.addBinding(TripletToPairs.NAME).to(TripletToPairsFactory.class);
    }
}
