package dev.contrastive4j.plugin;

import dev.contrastive4j.spi.ContrastiveException;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds the class loader that sees the plugin jars of the given folders on top of the application's own
 * class path. Only regular files ending in {@code .jar} are loaded; anything else in a folder is ignored. A Java
 * program loads a plugins folder as the command line does: {@code PluginRegistry.discover(PluginClassLoaders.over(
 * PluginClassLoaders.jars(folders), parent))}.
 */
public final class PluginClassLoaders {

    /** Environment variable with extra plugin folders, separated like a class path. */
    public static final String ENVIRONMENT_VARIABLE = "C4J_PLUGINS";

    /**
     * System property with the installation's own plugins folder(s), separated like a class path; the
     * distribution's launcher sets it to its {@code plugins/} folder.
     */
    public static final String INSTALLED_PROPERTY = "c4j.plugins";

    private PluginClassLoaders() {
    }

    /**
     * The installation's plugins folders from {@link #INSTALLED_PROPERTY}; those that do not exist are left out,
     * so that an installation whose plugins folder was removed still runs, with the plugins on its class path.
     */
    public static List<Path> installedFolders(String fromProperty) {
        return split(fromProperty).stream().filter(Files::isDirectory).toList();
    }

    /** The folders named on the command line, then those in {@code C4J_PLUGINS}, in that order. */
    public static List<Path> folders(List<Path> fromOptions, String fromEnvironment) {
        List<Path> folders = new ArrayList<>(fromOptions);
        folders.addAll(split(fromEnvironment));
        return folders;
    }

    private static List<Path> split(String pathList) {
        List<Path> folders = new ArrayList<>();
        if (pathList != null && !pathList.isBlank()) {
            for (String part : pathList.split(File.pathSeparator)) {
                if (!part.isBlank()) {
                    folders.add(Path.of(part.strip()));
                }
            }
        }
        return folders;
    }

    /** Every plugin jar in the folders, sorted by name within each folder. */
    public static List<Path> jars(List<Path> folders) {
        List<Path> jars = new ArrayList<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                throw new ContrastiveException("plugins folder " + folder + " does not exist or is not a folder");
            }
            try (Stream<Path> entries = Files.list(folder)) {
                entries.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
                        .sorted()
                        .forEach(jars::add);
            } catch (IOException e) {
                throw new ContrastiveException("cannot list plugins folder " + folder + ": " + e.getMessage(), e);
            }
        }
        return jars;
    }

    /**
     * The jars that can be opened as jars; for each other one, a warning line (a corrupt or truncated jar was
     * skipped in silence: its losses were then "unknown" with no word why).
     */
    public static List<Path> readable(List<Path> jars, java.util.function.Consumer<String> warnings) {
        List<Path> readable = new ArrayList<>();
        for (Path jar : jars) {
            try (java.util.jar.JarFile ignored = new java.util.jar.JarFile(jar.toFile())) {
                readable.add(jar);
            } catch (IOException e) {
                warnings.accept("plugin skipped: " + jar + ": not a readable jar (" + (e.getMessage() == null
                        ? e.getClass().getSimpleName() : e.getMessage()) + ")");
            }
        }
        return readable;
    }

    /** A loader over the jars, or {@code parent} itself when there are none. */
    public static ClassLoader over(List<Path> jars, ClassLoader parent) {
        if (jars.isEmpty()) {
            return parent;
        }
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new ContrastiveException("cannot load plugin jar " + jars.get(i) + ": " + e.getMessage(), e);
            }
        }
        return new URLClassLoader("c4j-plugins", urls, parent);
    }
}
