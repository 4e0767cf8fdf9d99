package dev.contrastive4j.losses.ranking;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import dev.contrastive4j.spi.LossFactory;
import dev.contrastive4j.spi.PluginBindings;
import dev.contrastive4j.spi.PluginModule;

/**
 * The ranking-losses plugin: {@code mnrl}, {@code cmnrl} and {@code triplet}. Listed in
 * {@code META-INF/services/dev.contrastive4j.spi.PluginModule}.
 */
public final class RankingLossesPlugin extends AbstractModule implements PluginModule {

    @Override
    protected void configure() {
        MapBinder<String, LossFactory> losses = PluginBindings.losses(binder());
        losses.addBinding(MultipleNegativesRankingLossFactory.NAME).to(MultipleNegativesRankingLossFactory.class);
        losses.addBinding(CachedMultipleNegativesRankingLossFactory.NAME)
                .to(CachedMultipleNegativesRankingLossFactory.class);
        losses.addBinding(TripletLossFactory.NAME).to(TripletLossFactory.class);
    }
}
