package dev.contrastive4j.cli;

import dev.contrastive4j.Contrastive4j;
import dev.contrastive4j.plugin.UnknownPluginException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Which bundled module provides each loss, converter and dataset name ({@code bundled-plugins.properties}), so
 * that naming a bundled loss whose jar was removed from the plugins folder says which jar to put back. The core
 * knows no plugin by name; this table is the command line's.
 */
final class BundledPluginModules {

    private static final String RESOURCE = "bundled-plugins.properties";

    private final Map<String, String> moduleByKindAndName;
    private final String version;

    BundledPluginModules(Map<String, String> moduleByKindAndName, String version) {
        this.moduleByKindAndName = Map.copyOf(moduleByKindAndName);
        this.version = version;
    }

    /** The table shipped with the command line, for jars of this command line's version. */
    static BundledPluginModules load() {
        Properties properties = new Properties();
        try (InputStream in = BundledPluginModules.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the command line's jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> table = new TreeMap<>();
        properties.forEach((key, value) -> table.put(key.toString(), value.toString().strip()));
        return new BundledPluginModules(table, Contrastive4j.version());
    }

    /** Every {@code kind.name} key and its module, sorted by key. */
    Map<String, String> entries() {
        return new TreeMap<>(moduleByKindAndName);
    }

    /** The module that provides this loss, converter or dataset ({@code kind}), if a bundled one does. */
    Optional<String> module(String kind, String name) {
        return Optional.ofNullable(moduleByKindAndName.get(kind + "." + name.toLowerCase(Locale.ROOT)));
    }

    /**
     * Advice for an error: when it is (or was caused by) an unknown name that a bundled module provides, which
     * jar to add, e.g. {@code it is provided by the losses-gist module (contrastive4j-losses-gist-0.1.0.jar):
     * put it in the plugins folder}.
     */
    Optional<String> adviceFor(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof UnknownPluginException unknown) {
                return module(unknown.kind(), unknown.name()).map(module -> "it is provided by the " + module
                        + " module (contrastive4j-" + module + "-" + version + ".jar): put it in the plugins folder");
            }
        }
        return Optional.empty();
    }
}
