package dev.contrastive4j.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a {@link DatasetBuilder} wrote.
 *
 * @param source where the data was read from
 * @param rowsPerSplit rows of each split, in a meaningful order ({@code train}, {@code dev}, {@code test})
 * @param files the files written, relative to the output folder
 */
public record BuiltDataset(String source, Map<String, Long> rowsPerSplit, List<Path> files) {

    /**
     * Copies the splits, keeping their order, and the files.
     *
     * @param source where the data was read from
     * @param rowsPerSplit rows of each split, in a meaningful order ({@code train}, {@code dev}, {@code test})
     * @param files the files written, relative to the output folder
     */
    public BuiltDataset {
        rowsPerSplit = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rowsPerSplit));
        files = List.copyOf(files);
    }
}
