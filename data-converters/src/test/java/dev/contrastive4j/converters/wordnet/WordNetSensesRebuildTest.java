package dev.contrastive4j.converters.wordnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed dataset in {@code data/wordnet-senses} is exactly what the builder makes from the bundled
 * WordNet 3.1 jar, and it keeps the split rule.
 *
 * <p>With {@code -Dwordnet.regenerate=true} the rebuild is written over the committed folder instead, which
 * is how the folder is made: {@code ./mvnw -B -q -pl data-converters test -Dtest=WordNetSensesRebuildTest
 * -Dwordnet.regenerate=true}.
 */
class WordNetSensesRebuildTest {

    private static final long MAX_COMMITTED_BYTES = 10L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path temp;

    private static Path committed;
    private static Path rebuilt;
    private static Map<Split, List<Row>> committedRows;

    @BeforeAll
    static void rebuildFromTheBundledWordNet() {
        committed = repositoryRoot().resolve("data").resolve("wordnet-senses");
        rebuilt = Boolean.getBoolean("wordnet.regenerate") ? committed : temp.resolve("wordnet-senses");
        WordNetDatasetCommand.build(Optional.empty(), rebuilt);
        committedRows = Map.of(Split.TRAIN, rows(Split.TRAIN), Split.DEV, rows(Split.DEV), Split.TEST, rows(Split.TEST));
    }

    @Test
    void rebuildMatchesEveryCommittedFileByteForByte() throws IOException {
        Set<Path> committedFiles = relativeFiles(committed);
        assertThat(relativeFiles(rebuilt)).isEqualTo(committedFiles);

        List<String> differences = new ArrayList<>();
        for (Path file : committedFiles) {
            byte[] expected = Files.readAllBytes(committed.resolve(file));
            byte[] actual = Files.readAllBytes(rebuilt.resolve(file));
            long firstDifference = Arrays.mismatch(expected, actual);
            if (firstDifference >= 0) {
                differences.add(file + " differs from byte " + firstDifference + contentNote(file, expected, actual));
            }
        }
        assertThat(differences).as("files that differ from the committed copy").isEmpty();
    }

    @Test
    void committedDatasetStaysUnderTenMegabytes() throws IOException {
        long total = 0;
        for (Path file : relativeFiles(committed)) {
            total += Files.size(committed.resolve(file));
        }
        assertThat(total).isPositive().isLessThan(MAX_COMMITTED_BYTES);
    }

    @Test
    void noDevOrTestDefinitionAppearsAnywhereInTrain() {
        Map<Split, List<Row>> rows = committedRows;
        Set<String> trainTexts = new HashSet<>();
        rows.get(Split.TRAIN).forEach(row -> {
            trainTexts.add(row.positive());
            trainTexts.add(row.negative());
        });
        Set<String> devPositives = positives(rows.get(Split.DEV));
        Set<String> testPositives = positives(rows.get(Split.TEST));
        assertThat(devPositives).isNotEmpty();
        assertThat(testPositives).isNotEmpty();

        // Set look-ups rather than AssertJ's doesNotContain, which scans the whole set for every row.
        assertThat(devPositives.stream().filter(trainTexts::contains).toList()).as("dev positives in train").isEmpty();
        assertThat(testPositives.stream().filter(trainTexts::contains).toList()).as("test positives in train").isEmpty();
        assertThat(devPositives.stream().filter(testPositives::contains).toList()).as("dev positives in test").isEmpty();
        assertThat(rows.get(Split.DEV).stream().map(Row::negative).filter(testPositives::contains).toList())
                .as("dev negatives that are test definitions").isEmpty();
        assertThat(rows.get(Split.TEST).stream().map(Row::negative).filter(devPositives::contains).toList())
                .as("test negatives that are dev definitions").isEmpty();
    }

    @Test
    void everyDefinitionIsUsedOnlyWhereTheSplitRuleAdmitsIt() {
        DefinitionSplit rule = new DefinitionSplit(WordNetTripletBuilder.Settings.DEFAULT.seed());
        committedRows.forEach((split, rows) -> {
            assertThat(rows.stream().filter(row -> rule.of(row.positive()) != split).toList())
                    .as("%s rows whose positive belongs to another split", split).isEmpty();
            assertThat(rows.stream().filter(row -> !DefinitionSplit.admitsNegative(split, rule.of(row.negative())))
                    .toList()).as("%s rows whose negative the split rule does not admit", split).isEmpty();
        });
    }

    @Test
    void everyAnchorOccursOnceAndNoNegativeRepeatsItsPositive() {
        List<Row> all = committedRows.values().stream().flatMap(List::stream).toList();

        assertThat(all.stream().map(Row::anchor).distinct().count()).isEqualTo(all.size());
        assertThat(all.stream().filter(row -> row.negative().equals(row.positive())).toList()).isEmpty();
        // About 40,000 triplets, split about 90/5/5.
        assertThat(all.size()).isBetween(35_000, 50_000);
    }

    private static Set<String> positives(List<Row> rows) {
        Set<String> positives = new HashSet<>();
        rows.forEach(row -> positives.add(row.positive()));
        return positives;
    }

    private record Row(String anchor, String positive, String negative) {}

    private static List<Row> rows(Split split) {
        try {
            return WordNetDatasetWriterTest.gunzipLines(committed.resolve(split.fileStem() + ".jsonl.gz")).stream()
                    .map(line -> {
                        try {
                            return JSON.readValue(line, Row.class);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For a gzip file that differs, whether only the compression differs (another zlib) or the content too. */
    private static String contentNote(Path file, byte[] expected, byte[] actual) {
        if (!file.toString().endsWith(".gz")) {
            return "";
        }
        try {
            return Arrays.equals(gunzip(expected), gunzip(actual))
                    ? " (same content after decompression: this JDK's zlib compresses differently)"
                    : " (the content differs, not only the compression)";
        } catch (IOException e) {
            return " (not readable as gzip: " + e.getMessage() + ")";
        }
    }

    private static byte[] gunzip(byte[] gzip) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }

    private static Set<Path> relativeFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).map(folder::relativize).collect(TreeSet::new, Set::add, Set::addAll);
        }
    }

    /** The repository root: the nearest folder above the module that holds the Maven wrapper. */
    private static Path repositoryRoot() {
        for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
            if (Files.isRegularFile(folder.resolve("mvnw")) && Files.isRegularFile(folder.resolve("pom.xml"))) {
                return folder;
            }
        }
        throw new IllegalStateException("no folder with mvnw and pom.xml above " + Path.of("").toAbsolutePath());
    }
}
