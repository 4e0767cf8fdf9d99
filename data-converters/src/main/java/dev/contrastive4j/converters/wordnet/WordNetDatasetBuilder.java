package dev.contrastive4j.converters.wordnet;

import dev.contrastive4j.spi.BuiltDataset;
import dev.contrastive4j.spi.DatasetBuilder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code c4j dataset wordnet}: the WordNet sense triplets, from the bundled WordNet 3.1 or a WordNet folder. */
public final class WordNetDatasetBuilder implements DatasetBuilder {

    @Override
    public String name() {
        return "wordnet";
    }

    @Override
    public String summary() {
        return "WordNet sense triplets: example sentence, its sense's definition, another sense's definition"
                + " (source: bundled WordNet 3.1, or --source DIR with WordNet's data.* files)";
    }

    @Override
    public BuiltDataset build(Optional<Path> source, Path output) {
        WordNetDatasetCommand.Summary summary = WordNetDatasetCommand.build(source, output);
        Map<String, Long> rows = new LinkedHashMap<>();
        for (Split split : Split.values()) {
            rows.put(split.fileStem(), (long) summary.tripletsPerSplit().getOrDefault(split, 0));
        }
        return new BuiltDataset(summary.source(), rows, summary.files());
    }
}
