package dev.contrastive4j.data;

import dev.contrastive4j.spi.ContrastiveException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the data that ships with contrastive4j lives: {@code data/wordnet-senses/} under the installation
 * folder. The launcher passes that folder as {@code -Dc4j.home}; without it (tests, IDEs) the folder is
 * found by walking up from the working directory.
 */
public final class BundledData {

    public static final String HOME_PROPERTY = "c4j.home";
    public static final Path WORDNET = Path.of("data", "wordnet-senses");

    private BundledData() {
    }

    /** The WordNet sense-triplet training split. */
    public static Path wordnetTrain() {
        return wordnet().resolve("train.jsonl.gz");
    }

    /** The WordNet sense-triplet development split. */
    public static Path wordnetDev() {
        return wordnet().resolve("dev.jsonl.gz");
    }

    /** The WordNet sense-triplet test split, the fixed test set of every comparison. */
    public static Path wordnetTest() {
        return wordnet().resolve("test.jsonl.gz");
    }

    /** The test split in the BEIR retrieval layout ({@code corpus.jsonl.gz}, {@code queries.jsonl.gz}, {@code qrels.tsv}). */
    public static Path wordnetTestRetrieval() {
        return wordnet().resolve("test-ir");
    }

    public static Path wordnet() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null) {
            Path folder = Path.of(home).resolve(WORDNET);
            if (Files.isDirectory(folder)) {
                return folder;
            }
            throw new ContrastiveException("bundled data not found: " + folder + " (from -D" + HOME_PROPERTY + ")");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(WORDNET))) {
                return dir.resolve(WORDNET);
            }
        }
        throw new ContrastiveException("bundled data not found: no " + WORDNET + " folder above "
                + Path.of("").toAbsolutePath() + "; run c4j through its launcher, or pass the data files explicitly");
    }
}
