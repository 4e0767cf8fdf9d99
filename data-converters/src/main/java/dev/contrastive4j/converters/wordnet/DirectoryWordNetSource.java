package dev.contrastive4j.converters.wordnet;

import dev.contrastive4j.spi.ContrastiveException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** WordNet database files in a folder of the file system. */
record DirectoryWordNetSource(Path folder) implements WordNetSource {

    DirectoryWordNetSource {
        Objects.requireNonNull(folder, "folder");
    }

    @Override
    public InputStream open(String fileName) throws IOException {
        Path file = folder.resolve(fileName);
        if (!Files.isRegularFile(file)) {
            throw new ContrastiveException("WordNet folder " + folder + " has no file " + fileName
                    + " (expected the WordNet database files data.noun, data.verb, data.adj and data.adv)");
        }
        return Files.newInputStream(file);
    }

    @Override
    public String description() {
        return "WordNet database files in the folder " + folder.toAbsolutePath().normalize();
    }
}
