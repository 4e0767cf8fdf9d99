package dev.contrastive4j.spi;

import com.google.inject.Binder;
import com.google.inject.multibindings.MapBinder;

/**
 * The maps plugins contribute to: losses, converters and dataset builders. The key is the loss's or converter's canonical name; it must equal
 * the name in the factory's descriptor.
 *
 * <p>Duplicates are permitted at the Guice level on purpose: the plugin registry reports two plugins that
 * claim one name itself, naming both jars, which Guice's own error cannot do.
 */
public final class PluginBindings {

    private PluginBindings() {
    }

    /**
     * The map of loss factories by name.
     *
     * @param binder the plugin module's binder
     * @return the map to add bindings to: {@code losses(binder()).addBinding("name").to(Factory.class)}
     */
    public static MapBinder<String, LossFactory> losses(Binder binder) {
        MapBinder<String, LossFactory> map = MapBinder.newMapBinder(binder, String.class, LossFactory.class);
        map.permitDuplicates();
        return map;
    }

    /**
     * The map of dataset builders by name.
     *
     * @param binder the plugin module's binder
     * @return the map to add bindings to
     */
    public static MapBinder<String, DatasetBuilder> datasets(Binder binder) {
        MapBinder<String, DatasetBuilder> map = MapBinder.newMapBinder(binder, String.class, DatasetBuilder.class);
        map.permitDuplicates();
        return map;
    }

    /**
     * The map of converter factories by name.
     *
     * @param binder the plugin module's binder
     * @return the map to add bindings to
     */
    public static MapBinder<String, ConverterFactory> converters(Binder binder) {
        MapBinder<String, ConverterFactory> map =
                MapBinder.newMapBinder(binder, String.class, ConverterFactory.class);
        map.permitDuplicates();
        return map;
    }
}
