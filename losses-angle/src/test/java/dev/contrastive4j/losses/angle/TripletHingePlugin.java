package dev.contrastive4j.losses.angle;

import ai.djl.ndarray.NDArray;
import com.google.inject.AbstractModule;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.EmbeddingLoss;
import dev.contrastive4j.spi.Loss;
import dev.contrastive4j.spi.LossDescriptor;
import dev.contrastive4j.spi.LossFactory;
import dev.contrastive4j.spi.ParameterSpec;
import dev.contrastive4j.spi.ParameterValues;
import dev.contrastive4j.spi.PluginBindings;
import dev.contrastive4j.spi.PluginModule;
import java.util.List;
import java.util.Set;

/**
 * A stand-in {@code triplet} loss for tests (the real one lives in losses-ranking, which this module must not
 * depend on): Euclidean triplet hinge {@code mean_i max(0, ‖a_i − p_i‖ − ‖a_i − n_i‖ + margin)} on the first
 * negative, margin 5 as in sentence-transformers' TripletLoss.
 */
final class TripletHingePlugin extends AbstractModule implements PluginModule {

    @Override
    protected void configure() {
        PluginBindings.losses(binder()).addBinding("triplet").toInstance(new LossFactory() {
            private final LossDescriptor descriptor = new LossDescriptor("triplet", List.of(), "Test triplet hinge.",
                    Set.of(DataFormat.TRIPLET), List.of(ParameterSpec.number("margin", 5, "Hinge margin.")), false);

            @Override
            public LossDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public Loss create(ParameterValues parameters) {
                double margin = parameters.getDouble("margin");
                return (EmbeddingLoss) batch -> {
                    NDArray toPositive = batch.column(0).sub(batch.column(1)).norm(new int[] {1});
                    NDArray toNegative = batch.column(0).sub(batch.column(2)).norm(new int[] {1});
                    return toPositive.sub(toNegative).add(margin).maximum(0f).mean();
                };
            }
        });
    }
}
