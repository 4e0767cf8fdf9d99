package dev.contrastive4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.Example;
import dev.contrastive4j.spi.Pair;
import dev.contrastive4j.spi.ScoredPair;
import dev.contrastive4j.spi.Triplet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExampleWriterTest {

    /** Texts that stress quoting and encoding: separators, quotes, line breaks, non-ASCII. */
    private static final List<Example> HARD_TRIPLETS = List.of(
            new Triplet("comma, inside", "\"quoted\" and \"\"doubled\"\"", List.of("line\nbreak", "crlf\r\nbreak")),
            new Triplet(" leading and trailing space ", "naïve café — 日本語 😀", List.of("lone \r cr", "ends with quote\"")),
            new Triplet("\"starts with quote", "a,b,c", List.of(",", "\"")));
    private static final List<Example> PLAIN_PAIRS = List.of(
            new Pair("what is a \"key\"?", "Ünïcödé, with commas"), new Pair("q2", "p2 😀"));
    private static final List<Example> SCORED = List.of(
            new ScoredPair("a, b", "c \"d\"", 0.0), new ScoredPair("e\nf", "g", 1.0),
            new ScoredPair("h", "i", 0.1 + 0.2), new ScoredPair("j", "k", 1e-7));

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"out.jsonl", "out.csv", "out.jsonl.gz", "out.csv.gz"})
    void tripletsWithHardTextsReadBackUnchanged(String name) {
        Path file = dir.resolve(name);

        long written = Datasets.write(file, HARD_TRIPLETS);

        assertThat(written).isEqualTo(HARD_TRIPLETS.size());
        assertThat(Datasets.readAll(file, ReadOptions.defaults())).isEqualTo(HARD_TRIPLETS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"out.jsonl", "out.csv", "out.tsv", "out.tsv.gz"})
    void pairsAndScoredPairsReadBackUnchanged(String name) {
        Path pairs = dir.resolve("pairs-" + name);
        Path scored = dir.resolve("scored-" + name);
        List<Example> scoredForFormat = name.startsWith("out.tsv")
                ? SCORED.stream().filter(e -> !e.texts().get(0).contains("\n")).toList()
                : SCORED;

        Datasets.write(pairs, PLAIN_PAIRS);
        Datasets.write(scored, scoredForFormat);

        assertThat(Datasets.readAll(pairs, ReadOptions.defaults())).isEqualTo(PLAIN_PAIRS);
        assertThat(Datasets.readAll(scored, ReadOptions.defaults())).isEqualTo(scoredForFormat);
    }

    @Test
    void jsonlHoldsTabsAndUsesTheCanonicalKeys() throws IOException {
        Path file = dir.resolve("out.jsonl");
        List<Example> examples = List.of(new Triplet("tab\there", "p", "n"));

        Datasets.write(file, examples);

        assertThat(Files.readString(file)).isEqualTo("{\"anchor\":\"tab\\there\",\"positive\":\"p\",\"negative\":\"n\"}\n");
        assertThat(Datasets.readAll(file, ReadOptions.defaults())).isEqualTo(examples);
    }

    @Test
    void csvHeaderNumbersSeveralNegativesAndQuotesOnlyWhenNeeded() throws IOException {
        Path file = dir.resolve("out.csv");

        Datasets.write(file, List.of(new Triplet("a,b", "p", List.of("n1", "say \"x\""))));

        assertThat(Files.readString(file))
                .isEqualTo("anchor,positive,negative_1,negative_2\r\n\"a,b\",p,n1,\"say \"\"x\"\"\"\r\n");
    }

    @Test
    void scoredPairsWriteTheScoreAsANumber() throws IOException {
        Path jsonl = dir.resolve("out.jsonl");
        Path tsv = dir.resolve("out.tsv");
        List<Example> examples = List.of(new ScoredPair("a", "b", 0.5));

        Datasets.write(jsonl, examples);
        Datasets.write(tsv, examples);

        assertThat(Files.readString(jsonl)).isEqualTo("{\"sentence1\":\"a\",\"sentence2\":\"b\",\"score\":0.5}\n");
        assertThat(Files.readString(tsv)).isEqualTo("sentence1\tsentence2\tscore\na\tb\t0.5\n");
    }

    @Test
    void gzNameCompresses() throws IOException {
        Path file = dir.resolve("out.jsonl.gz");

        Datasets.write(file, PLAIN_PAIRS);

        try (InputStream in = Files.newInputStream(file)) {
            assertThat(in.readNBytes(2)).containsExactly(0x1f, 0x8b);
        }
    }

    @Test
    void tsvRefusesATabAndLeavesNoFile() {
        Path file = dir.resolve("out.tsv");
        List<Example> examples = List.of(new Pair("fine", "fine"), new Pair("q", "has\ttab"));

        assertThatThrownBy(() -> Datasets.write(file, examples))
                .isInstanceOf(ContrastiveException.class)
                .hasMessage("cannot write row 2 to " + file + ": column 'positive' holds a tab, which TSV cannot hold "
                        + "(it has no quoting); write CSV or JSONL instead");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void tsvRefusesALineBreak() {
        try (ExampleWriter writer = ExampleWriter.create(dir.resolve("out.tsv"))) {
            assertThatThrownBy(() -> writer.write(new Pair("line\nbreak", "p")))
                    .hasMessageContaining("column 'anchor' holds a line break");
        }
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void blankTextsAndUnpairedSurrogatesAreRefusedAsReadersCouldNotReadThemBack() {
        assertThatThrownBy(() -> Datasets.write(dir.resolve("a.csv"), List.of(new Pair("q", " "))))
                .hasMessageContaining("column 'positive' is blank");
        assertThatThrownBy(() -> Datasets.write(dir.resolve("b.jsonl"), List.of(new Pair("q\uD800", "p"))))
                .hasMessageContaining("column 'anchor' holds an unpaired surrogate at index 1");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void examplesMustKeepTheFirstExamplesShape() {
        List<Example> mixed = List.of(new Triplet("q", "p", "n"), new Triplet("q", "p", List.of("n1", "n2")));

        assertThatThrownBy(() -> Datasets.write(dir.resolve("out.jsonl"), mixed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 2 of").hasMessageContaining("expected a triplet with 3 texts as in the first row, got a triplet with 4");
        assertThatThrownBy(() -> Datasets.write(dir.resolve("out.csv"), List.of(new Pair("q", "p"), new ScoredPair("a", "b", 1))))
                .hasMessageContaining("expected a pair with 2 texts as in the first row, got a scored-pair with 2");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void theTargetAppearsOnlyOnCloseAndReplacesAnOldFile() throws IOException {
        Path file = DataFiles.text(dir, "out.csv", "old content");

        try (ExampleWriter writer = ExampleWriter.create(file)) {
            writer.write(new Pair("q", "p"));
            assertThat(Files.readString(file)).isEqualTo("old content");
        }

        assertThat(Files.readString(file)).isEqualTo("anchor,positive\r\nq,p\r\n");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void abortLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = DataFiles.text(dir, "out.jsonl", "old content");

        try (ExampleWriter writer = ExampleWriter.create(file)) {
            writer.write(new Pair("q", "p"));
            writer.abort();
            assertThatThrownBy(() -> writer.write(new Pair("q", "p"))).isInstanceOf(IllegalStateException.class);
        }

        assertThat(Files.readString(file)).isEqualTo("old content");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void failureWhileIteratingTheSourceLeavesNoOutput() throws IOException {
        Path input = DataFiles.text(dir, "in.csv", "anchor,positive\nq1,p1\nq2,\n");
        Path output = dir.resolve("out.jsonl");

        try (ExampleReader reader = ExampleReader.open(input)) {
            assertThatThrownBy(() -> Datasets.write(output, () -> reader)).isInstanceOf(DataFormatException.class);
        }

        assertThat(output).doesNotExist();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(input);
        }
    }

    @Test
    void missingFolderIsCreated() throws IOException {
        Path file = dir.resolve("runs/new/out.csv");

        Datasets.write(file, PLAIN_PAIRS);

        assertThat(Files.readString(file, StandardCharsets.UTF_8)).startsWith("anchor,positive\r\n");
    }
}
