package dev.contrastive4j.converters.wordnet;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole job behind {@code c4j dataset wordnet}: read WordNet, build the triplets, write the dataset.
 * The command line calls {@link #build(Optional, Path)}; it holds no state.
 */
public final class WordNetDatasetCommand {

    private static final Logger LOG = LoggerFactory.getLogger(WordNetDatasetCommand.class);

    /**
     * What a build produced.
     *
     * @param source where WordNet was read from
     * @param tripletsPerSplit the number of triplets of each split
     * @param files the files written, relative to the output folder
     */
    public record Summary(String source, Map<Split, Integer> tripletsPerSplit, List<Path> files) {

        public Summary {
            tripletsPerSplit = Map.copyOf(tripletsPerSplit);
            files = List.copyOf(files);
        }
    }

    private WordNetDatasetCommand() {}

    /**
     * Builds the dataset with the {@linkplain WordNetTripletBuilder.Settings#DEFAULT default settings}.
     *
     * @param wordnetDir a folder with WordNet's {@code data.*} files; empty for the bundled WordNet 3.1
     * @param output the folder to write into; created when needed
     * @throws dev.contrastive4j.spi.ContrastiveException when WordNet cannot be read or the output written
     */
    public static Summary build(Optional<Path> wordnetDir, Path output) {
        WordNetSource source = wordnetDir.map(WordNetSource::directory).orElseGet(WordNetSource::bundled);
        return build(source, WordNetTripletBuilder.Settings.DEFAULT, output);
    }

    /** Builds the dataset from any source with any settings. */
    public static Summary build(WordNetSource source, WordNetTripletBuilder.Settings settings, Path output) {
        WordNetDatabase database = new WordNetReader().read(source);
        WordNetDataset dataset = new WordNetTripletBuilder(settings).build(database);
        List<Path> files = new WordNetDatasetWriter().write(dataset,
                new WordNetDatasetWriter.Provenance(source.description(), database.licenseLines(), settings), output);
        Map<Split, Integer> counts = new EnumMap<>(Split.class);
        for (Split split : Split.values()) {
            counts.put(split, dataset.triplets(split).size());
        }
        LOG.info("Wrote {} WordNet triplets ({}) to {}", dataset.size(), counts, output);
        return new Summary(source.description(), counts, files);
    }
}
