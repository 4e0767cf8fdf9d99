package dev.contrastive4j.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds the fixture plugin jar from source at test time, with the JDK's compiler, against the SPI on the
 * test class path. The jar is therefore built apart from the project and is not on any class path until a
 * test loads it through its own class loader.
 */
public final class PluginJarBuilder {

    private static final String RESOURCES = "/fixture-plugin/";
    private static final List<String> SOURCES = List.of("FixturePlugin", "FixtureLossFactory");
    private static final String SERVICE = "dev.contrastive4j.spi.PluginModule";

    private PluginJarBuilder() {
    }

    /** Compiles the fixture plugin into {@code folder/fixture-plugin.jar} and returns its path. */
    public static Path buildFixturePlugin(Path folder) throws IOException {
        Path sources = Files.createDirectories(folder.resolve("fixture-src/com/example/fixture"));
        Path classes = Files.createDirectories(folder.resolve("fixture-classes"));
        List<String> arguments = new ArrayList<>(List.of("--release", "17", "-proc:none",
                "-classpath", System.getProperty("java.class.path"), "-d", classes.toString()));
        for (String name : SOURCES) {
            Path source = sources.resolve(name + ".java");
            Files.writeString(source, resource(name + ".java.txt"));
            arguments.add(source.toString());
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        OutputStream quiet = OutputStream.nullOutputStream();
        int status = compiler.run(null, quiet, new java.io.PrintStream(quiet) {
            @Override
            public void write(byte[] b, int off, int len) {
                diagnostics.write(new String(b, off, len, StandardCharsets.UTF_8));
            }
        }, arguments.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("fixture plugin does not compile:\n" + diagnostics);
        }
        Path jar = folder.resolve("fixture-plugin.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/" + SERVICE));
            out.write(resource(SERVICE + ".txt").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PluginJarBuilder.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IOException("missing test resource " + RESOURCES + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
