package dev.contrastive4j.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds plugin jars from source at test time, with the JDK's compiler, against the SPI on the test class path.
 * The jars are therefore built apart from the project and are not on any class path until a test loads them
 * through its own class loader (or drops them into a plugins folder).
 *
 * <pre>{@code
 * Path jar = PluginJarBuilder.jar("crashing.jar")
 *         .source("com.example.crash.CrashingPlugin", "package com.example.crash; ...")
 *         .pluginModule("com.example.crash.CrashingPlugin")
 *         .manifestAttribute(SpiVersion.MANIFEST_ATTRIBUTE, "1.0")
 *         .buildIn(folder);
 * }</pre>
 */
public final class PluginJarBuilder {

    private static final String FIXTURE_RESOURCES = "/fixture-plugin/";
    private static final String SERVICE = "dev.contrastive4j.spi.PluginModule";

    private final String fileName;
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<String> pluginModules = new ArrayList<>();
    private final Map<String, String> manifestAttributes = new LinkedHashMap<>();

    private PluginJarBuilder(String fileName) {
        if (!fileName.endsWith(".jar")) {
            throw new IllegalArgumentException("a plugin jar's name ends in .jar, got '" + fileName + "'");
        }
        this.fileName = fileName;
    }

    /** A builder for a jar of that file name, with no classes yet. */
    public static PluginJarBuilder jar(String fileName) {
        return new PluginJarBuilder(fileName);
    }

    /**
     * A builder preloaded with the fixture plugin: loss {@code fixture-contrast} (alias {@code fixture}),
     * module {@code com.example.fixture.FixturePlugin}; add manifest attributes before building.
     */
    public static PluginJarBuilder fixturePlugin(String fileName) throws IOException {
        return jar(fileName)
                .source("com.example.fixture.FixturePlugin", fixtureResource("FixturePlugin.java.txt"))
                .source("com.example.fixture.FixtureLossFactory", fixtureResource("FixtureLossFactory.java.txt"))
                .pluginModule(fixtureResource(SERVICE + ".txt").strip());
    }

    /** Compiles the fixture plugin into {@code folder/fixture-plugin.jar} and returns its path. */
    public static Path buildFixturePlugin(Path folder) throws IOException {
        return fixturePlugin("fixture-plugin.jar").buildIn(folder);
    }

    /** Adds a Java source file for the class of that fully qualified name. */
    public PluginJarBuilder source(String qualifiedClassName, String code) {
        sources.put(qualifiedClassName, code);
        return this;
    }

    /** Lists the class in {@code META-INF/services/dev.contrastive4j.spi.PluginModule}. */
    public PluginJarBuilder pluginModule(String qualifiedClassName) {
        pluginModules.add(qualifiedClassName);
        return this;
    }

    /** Adds a main attribute to the jar's manifest. */
    public PluginJarBuilder manifestAttribute(String name, String value) {
        manifestAttributes.put(name, value);
        return this;
    }

    /** Compiles the sources and writes the jar into {@code folder}; returns its path. */
    public Path buildIn(Path folder) throws IOException {
        String stem = fileName.substring(0, fileName.length() - ".jar".length());
        Path sourceRoot = Files.createDirectories(folder.resolve(stem + "-src"));
        Path classes = Files.createDirectories(folder.resolve(stem + "-classes"));
        List<String> arguments = new ArrayList<>(List.of("--release", "17", "-proc:none",
                "-classpath", System.getProperty("java.class.path"), "-d", classes.toString()));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = sourceRoot.resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            arguments.add(file.toString());
        }
        compile(arguments);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifestAttributes.forEach((name, value) -> manifest.getMainAttributes().putValue(name, value));
        Path jar = folder.resolve(fileName);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
            if (!pluginModules.isEmpty()) {
                out.putNextEntry(new JarEntry("META-INF/services/" + SERVICE));
                out.write((String.join("\n", pluginModules) + "\n").getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    private void compile(List<String> arguments) {
        if (sources.isEmpty()) {
            return;
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        OutputStream quiet = OutputStream.nullOutputStream();
        int status = compiler.run(null, quiet, new PrintStream(quiet) {
            @Override
            public void write(byte[] b, int off, int len) {
                diagnostics.write(new String(b, off, len, StandardCharsets.UTF_8));
            }
        }, arguments.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException(fileName + " does not compile:\n" + diagnostics);
        }
    }

    private static String fixtureResource(String name) throws IOException {
        try (InputStream in = PluginJarBuilder.class.getResourceAsStream(FIXTURE_RESOURCES + name)) {
            if (in == null) {
                throw new IOException("missing test resource " + FIXTURE_RESOURCES + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
