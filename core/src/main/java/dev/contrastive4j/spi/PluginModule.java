package dev.contrastive4j.spi;

import com.google.inject.Module;

/**
 * The entry point of a plugin jar: a Guice module that contributes loss and converter factories by name.
 *
 * <p>List the implementing class in {@code META-INF/services/dev.contrastive4j.spi.PluginModule}. The core
 * finds it with {@link java.util.ServiceLoader}, so it needs a public no-argument constructor.
 *
 * <pre>{@code
 * public final class RankingPlugin extends AbstractModule implements PluginModule {
 *     protected void configure() {
 *         PluginBindings.losses(binder()).addBinding("mnrl").to(MultipleNegativesRankingLossFactory.class);
 *     }
 * }
 * }</pre>
 */
public interface PluginModule extends Module {
}
