package dev.contrastive4j.losses.angle;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import dev.contrastive4j.spi.LossFactory;
import dev.contrastive4j.spi.PluginBindings;
import dev.contrastive4j.spi.PluginModule;

/**
 * The losses-angle plugin: registers {@code angle}, {@code cosent}, {@code cosine},
 * {@code contrastive} and {@code online-contrastive}. Listed in
 * {@code META-INF/services/dev.contrastive4j.spi.PluginModule}.
 */
public final class AnglePlugin extends AbstractModule implements PluginModule {

    @Override
    protected void configure() {
        MapBinder<String, LossFactory> losses = PluginBindings.losses(binder());
        losses.addBinding(AnglELoss.NAME).to(AnglELossFactory.class);
        losses.addBinding(CoSENTLoss.NAME).to(CoSENTLossFactory.class);
        losses.addBinding(CosineSimilarityLoss.NAME).to(CosineSimilarityLossFactory.class);
        losses.addBinding(ContrastiveLoss.NAME).to(ContrastiveLossFactory.class);
        losses.addBinding(OnlineContrastiveLoss.NAME).to(OnlineContrastiveLossFactory.class);
    }
}
