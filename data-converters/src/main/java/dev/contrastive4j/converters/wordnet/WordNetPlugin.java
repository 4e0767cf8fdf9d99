package dev.contrastive4j.converters.wordnet;

import com.google.inject.AbstractModule;
import dev.contrastive4j.spi.PluginBindings;
import dev.contrastive4j.spi.PluginModule;

/** Contributes the WordNet dataset builder. */
public final class WordNetPlugin extends AbstractModule implements PluginModule {

    @Override
    protected void configure() {
        PluginBindings.datasets(binder()).addBinding("wordnet").to(WordNetDatasetBuilder.class);
    }
}
