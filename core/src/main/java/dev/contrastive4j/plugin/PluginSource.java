package dev.contrastive4j.plugin;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;

/** Says where a plugin class was loaded from, so that error messages can name the jar to look at. */
public final class PluginSource {

    private PluginSource() {
    }

    /** The jar file or classes folder that holds {@code type}, or its class loader's name if unknown. */
    public static String of(Class<?> type) {
        CodeSource code = type.getProtectionDomain().getCodeSource();
        if (code == null || code.getLocation() == null) {
            return "<" + type.getClassLoader() + ">";
        }
        try {
            return Path.of(code.getLocation().toURI()).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return code.getLocation().toString();
        }
    }
}
