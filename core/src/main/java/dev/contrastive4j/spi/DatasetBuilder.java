package dev.contrastive4j.spi;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Builds a dataset from a source (a folder, or data the plugin ships) into files the readers take; run by
 * {@code c4j dataset NAME}. Bound by name through {@link PluginBindings#datasets}.
 */
public interface DatasetBuilder {

    /**
     * The name used on the command line.
     *
     * @return a lower-case name ({@code wordnet})
     */
    String name();

    /**
     * Describes the dataset for {@code c4j dataset}.
     *
     * @return one line: what the dataset is and where it comes from
     */
    String summary();

    /**
     * Builds the dataset.
     *
     * @param source a folder with the source data, or empty for the data the plugin ships
     * @param output the folder to write into, created when needed
     * @return what was written
     * @throws ContrastiveException if the source cannot be read or the output written
     */
    BuiltDataset build(Optional<Path> source, Path output);
}
