package dev.contrastive4j.converters.wordnet;

import dev.contrastive4j.files.IoProblems;
import dev.contrastive4j.files.TemporaryPaths;
import dev.contrastive4j.spi.ContrastiveException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Writes a {@link WordNetDataset} as files whose bytes depend on the triplets alone, so that a rebuild can
 * be compared byte for byte with the committed copy:
 *
 * <pre>
 * train.jsonl.gz  dev.jsonl.gz  test.jsonl.gz    {"anchor": ..., "positive": ..., "negative": ...}
 * test-ir/corpus.jsonl.gz                         {"_id": ..., "text": ...}
 * test-ir/queries.jsonl.gz                        {"_id": ..., "text": ...}
 * test-ir/qrels.tsv                               query-id, corpus-id, score (with a header line)
 * README.md                                       source, license, split rule, counts
 * </pre>
 *
 * Existing files of these names are replaced; other files in the folder are left alone. Every file is first
 * written into a hidden staging folder inside {@code folder} and moved into place only once all are complete,
 * so a failure (or a killed process) while writing leaves the previous files as they were.
 */
public final class WordNetDatasetWriter {

    /** Folder of the test split's retrieval form. */
    public static final String TEST_IR_FOLDER = "test-ir";

    /**
     * What the README says about where the data came from.
     *
     * @param sourceDescription one line naming the WordNet files, e.g. the Maven artifact
     * @param licenseLines the WordNet license, one entry per line, reproduced verbatim
     * @param settings the builder settings used
     */
    public record Provenance(String sourceDescription, List<String> licenseLines, WordNetTripletBuilder.Settings settings) {

        public Provenance {
            Objects.requireNonNull(sourceDescription, "sourceDescription");
            Objects.requireNonNull(settings, "settings");
            licenseLines = List.copyOf(licenseLines);
        }
    }

    /**
     * Writes every file into {@code folder}, creating it when needed.
     *
     * @return the files written, relative to {@code folder}, in writing order
     * @throws ContrastiveException if a file cannot be written or one of the target names is taken by a folder;
     *     the previous files are then unchanged and the staging folder is removed
     */
    public List<Path> write(WordNetDataset dataset, Provenance provenance, Path folder) {
        Path staging = null;
        try {
            Files.createDirectories(folder);
            staging = TemporaryPaths.createFolder(folder, ".wordnet-staging-");
            List<Path> written = writeAll(dataset, provenance, staging);
            refuseFoldersInTheWay(folder, written);
            Files.createDirectories(folder.resolve(TEST_IR_FOLDER));
            for (Path file : written) {
                Files.move(staging.resolve(file), folder.resolve(file), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
            return written;
        } catch (IOException e) {
            throw new ContrastiveException("could not write the WordNet dataset to " + folder + ": "
                    + IoProblems.describe(e), e);
        } finally {
            if (staging != null) {
                deleteQuietly(staging);
            }
        }
    }

    private static List<Path> writeAll(WordNetDataset dataset, Provenance provenance, Path folder) throws IOException {
        List<Path> written = new ArrayList<>();
        Files.createDirectories(folder.resolve(TEST_IR_FOLDER));
        for (Split split : Split.values()) {
            Path file = Path.of(split.fileStem() + ".jsonl.gz");
            JsonLinesGzip.write(folder.resolve(file), dataset.triplets(split),
                    triplet -> row("anchor", triplet.anchor(), "positive", triplet.positive(),
                            "negative", triplet.negative()));
            written.add(file);
        }
        RetrievalCollection retrieval = RetrievalCollection.of(dataset.triplets(Split.TEST));
        written.add(writeTexts(folder, "corpus.jsonl.gz", retrieval.corpus()));
        written.add(writeTexts(folder, "queries.jsonl.gz", retrieval.queries()));
        written.add(writeJudgements(folder, retrieval.judgements()));

        Path readme = Path.of("README.md");
        Files.writeString(folder.resolve(readme), WordNetReadme.render(dataset, retrieval, provenance),
                StandardCharsets.UTF_8);
        written.add(readme);
        return written;
    }

    /** Checked before any file is moved, so that the moves cannot stop half-way on a name taken by a folder. */
    private static void refuseFoldersInTheWay(Path folder, List<Path> written) throws IOException {
        Path testIr = folder.resolve(TEST_IR_FOLDER);
        if (Files.exists(testIr) && !Files.isDirectory(testIr)) {
            throw new IOException(testIr + " is a file, not a folder");
        }
        for (Path file : written) {
            if (Files.isDirectory(folder.resolve(file))) {
                throw new IOException(folder.resolve(file) + " is a folder, not a file");
            }
        }
    }

    private static void deleteQuietly(Path staging) {
        try (Stream<Path> paths = Files.walk(staging)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            // Only a hidden leftover: the dataset itself is complete or unchanged either way.
        }
    }

    private static Path writeTexts(Path folder, String fileName, List<RetrievalCollection.Text> texts)
            throws IOException {
        Path file = Path.of(TEST_IR_FOLDER, fileName);
        JsonLinesGzip.write(folder.resolve(file), texts, text -> row("_id", text.id(), "text", text.text()));
        return file;
    }

    private static Path writeJudgements(Path folder, List<RetrievalCollection.Judgement> judgements)
            throws IOException {
        Path file = Path.of(TEST_IR_FOLDER, "qrels.tsv");
        StringBuilder tsv = new StringBuilder("query-id\tcorpus-id\tscore\n");
        for (RetrievalCollection.Judgement judgement : judgements) {
            tsv.append(judgement.queryId()).append('\t').append(judgement.corpusId()).append('\t')
                    .append(judgement.score()).append('\n');
        }
        Files.writeString(folder.resolve(file), tsv, StandardCharsets.UTF_8);
        return file;
    }

    private static Map<String, String> row(String... keysAndValues) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }
}
