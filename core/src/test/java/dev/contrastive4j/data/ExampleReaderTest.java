package dev.contrastive4j.data;

import static dev.contrastive4j.data.DataFiles.bytes;
import static dev.contrastive4j.data.DataFiles.gzip;
import static dev.contrastive4j.data.DataFiles.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.Example;
import dev.contrastive4j.spi.Pair;
import dev.contrastive4j.spi.ScoredPair;
import dev.contrastive4j.spi.Triplet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExampleReaderTest {

    @TempDir
    Path dir;

    @Test
    void csvWithAnchorPositiveNegativeReadsTriplets() {
        Path file = text(dir, "train.csv", "anchor,positive,negative\nq1,p1,n1\nq2,p2,n2\n");

        try (ExampleReader reader = ExampleReader.open(file)) {
            assertThat(reader.format()).isEqualTo(DataFormat.TRIPLET);
            assertThat(reader.fileFormat()).isEqualTo(FileFormat.CSV);
            assertThat(reader.stream().toList())
                    .containsExactly(new Triplet("q1", "p1", "n1"), new Triplet("q2", "p2", "n2"));
        }
    }

    @Test
    void aliasesAndCaseAreRecognisedAndNumberedNegativesKeepNumberOrder() {
        Path file = text(dir, "train.tsv", "Query\tNEG_2\tpos\tneg_1\nq\tsecond\tp\tfirst\n");

        List<Example> examples = Datasets.readAll(file, ReadOptions.defaults());

        assertThat(examples).containsExactly(new Triplet("q", "p", List.of("first", "second")));
    }

    @Test
    void anchorAndPositiveAloneMakePairs() {
        Path file = text(dir, "pairs.tsv", "anchor\tpositive\nq\tp \"quoted\" as is\n");

        assertThat(Datasets.readAll(file, ReadOptions.defaults()))
                .containsExactly(new Pair("q", "p \"quoted\" as is"));
    }

    @Test
    void sentencesAndScoreMakeScoredPairsFromNumbersAndNumericStrings() {
        Path file = text(dir, "sts.jsonl", """
                {"sentence1": "a", "sentence2": "b", "score": 0.25}
                {"score": "1", "sentence2": "d", "sentence1": "c"}
                {"sentence1": "e", "sentence2": "f", "score": 0}
                """);

        assertThat(Datasets.readAll(file, ReadOptions.defaults())).containsExactly(
                new ScoredPair("a", "b", 0.25), new ScoredPair("c", "d", 1.0), new ScoredPair("e", "f", 0.0));
    }

    @Test
    void labelIsAScoreColumnAndCsvScoresAreNumericStrings() {
        Path file = text(dir, "sts.csv", "sentence1,sentence2,label\na,b,0.5\nc,d, 1e-1 \n");

        assertThat(Datasets.readAll(file, ReadOptions.defaults()))
                .containsExactly(new ScoredPair("a", "b", 0.5), new ScoredPair("c", "d", 0.1));
    }

    @Test
    void jsonlNegativesArrayGivesEachRowItsNegatives() {
        Path file = text(dir, "train.jsonl", """
                {"anchor": "q1", "positive": "p1", "negatives": ["n1a", "n1b"]}
                {"anchor": "q2", "positive": "p2", "negatives": ["n2a", "n2b"]}
                """);

        assertThat(Datasets.readAll(file, ReadOptions.defaults())).containsExactly(
                new Triplet("q1", "p1", List.of("n1a", "n1b")), new Triplet("q2", "p2", List.of("n2a", "n2b")));
    }

    @Test
    void csvQuotedFieldsHoldCommasDoubledQuotesAndLineBreaks() {
        Path file = text(dir, "train.csv", "anchor,positive\r\n"
                + "\"a, b\",\"say \"\"hi\"\"\"\r\n"
                + "\"line one\nline two\",\"crlf\r\ninside\"\r\n"
                + "plain,\"\"\"\"\r\n");

        assertThat(Datasets.readAll(file, ReadOptions.defaults())).containsExactly(
                new Pair("a, b", "say \"hi\""),
                new Pair("line one\nline two", "crlf\r\ninside"),
                new Pair("plain", "\""));
    }

    @Test
    void emptyLinesAreSkippedAndTheLastLineNeedsNoLineBreak() {
        Path csv = text(dir, "train.csv", "\nanchor,positive\n\nq1,p1\r\n\r\nq2,p2");
        Path jsonl = text(dir, "train.jsonl", "\n{\"anchor\":\"q1\",\"positive\":\"p1\"}\n   \n"
                + "{\"anchor\":\"q2\",\"positive\":\"p2\"}");

        List<Pair> expected = List.of(new Pair("q1", "p1"), new Pair("q2", "p2"));
        assertThat(Datasets.readAll(csv, ReadOptions.defaults())).isEqualTo(expected);
        assertThat(Datasets.readAll(jsonl, ReadOptions.defaults())).isEqualTo(expected);
    }

    @Test
    void nonAsciiTextAndAByteOrderMarkAreRead() {
        Path file = text(dir, "train.csv", "\uFEFFanchor,positive\nnaïve café,日本語 😀\n");

        assertThat(Datasets.readAll(file, ReadOptions.defaults())).containsExactly(new Pair("naïve café", "日本語 😀"));
    }

    @Test
    void gzipIsRecognisedByItsMagicBytesWhateverTheName() {
        String content = "anchor,positive\nq,p\n";
        Path named = bytes(dir, "train.csv.gz", gzip(content));
        Path unnamed = bytes(dir, "train.csv", gzip(content));
        Path misnamed = text(dir, "plain.csv.gz", content);

        for (Path file : List.of(named, unnamed, misnamed)) {
            assertThat(Datasets.readAll(file, ReadOptions.defaults())).as(file.getFileName().toString())
                    .containsExactly(new Pair("q", "p"));
        }
    }

    @Test
    void formatUnderGzipSuffixIsTheFileFormat() {
        Path file = bytes(dir, "train.jsonl.gz", gzip("{\"anchor\":\"q\",\"positive\":\"p\"}\n"));

        try (ExampleReader reader = ExampleReader.open(file)) {
            assertThat(reader.fileFormat()).isEqualTo(FileFormat.JSONL);
            assertThat(reader.next()).isEqualTo(new Pair("q", "p"));
        }
    }

    @Test
    void explicitFileFormatOverridesTheName() {
        Path file = text(dir, "data.txt", "anchor\tpositive\nq, with comma\tp\n");

        assertThat(Datasets.readAll(file, ReadOptions.defaults().withFileFormat(FileFormat.TSV)))
                .containsExactly(new Pair("q, with comma", "p"));
    }

    @Test
    void explicitMappingPicksColumnsInOrderAndIgnoresTheRest() {
        Path file = text(dir, "qa.csv", "id,question,answer,wrong_2,wrong_1\n7,q,a,w2,w1\n");
        ReadOptions options = ReadOptions.defaults()
                .withMapping("anchor=question, positive=ANSWER, negative=wrong_1, negative=wrong_2");

        try (ExampleReader reader = ExampleReader.open(file, options)) {
            assertThat(reader.mapping()).isEqualTo(new ColumnMapping(DataFormat.TRIPLET,
                    List.of("question", "answer", "wrong_1", "wrong_2"), null));
            assertThat(reader.next()).isEqualTo(new Triplet("q", "a", List.of("w1", "w2")));
        }
    }

    @Test
    void explicitMappingMakesScoredPairsFromAnyColumns() {
        Path file = text(dir, "sim.jsonl", "{\"a\": \"x\", \"b\": \"y\", \"sim\": 0.75, \"source\": 3}\n");

        assertThat(Datasets.readAll(file, ReadOptions.defaults().withMapping("sentence1=a,sentence2=b,score=sim")))
                .containsExactly(new ScoredPair("x", "y", 0.75));
    }

    @Test
    void maxRowsStopsReadingBeforeTheRestOfTheFile() {
        Path file = text(dir, "train.csv", "anchor,positive\nq1,p1\nq2,p2\nbroken\n");

        assertThat(Datasets.readAll(file, ReadOptions.defaults().withMaxRows(2)))
                .containsExactly(new Pair("q1", "p1"), new Pair("q2", "p2"));
    }

    @Test
    void scanCountsRowsWithoutKeepingThemAndTheFileCanBeReadAgain() {
        Path file = text(dir, "train.jsonl", "{\"anchor\":\"q1\",\"positive\":\"p1\"}\n"
                + "{\"anchor\":\"q2\",\"positive\":\"p2\"}\n{\"anchor\":\"q3\",\"positive\":\"p3\"}\n");

        ReadReport report = Datasets.scan(file, ReadOptions.defaults());

        assertThat(report.rowsRead()).isEqualTo(3);
        assertThat(report.rowsSkipped()).isZero();
        assertThat(report.firstProblems()).isEmpty();
        assertThat(Datasets.readAll(file, ReadOptions.defaults())).hasSize(3);
    }

    @Test
    void invalidUtf8AfterManyValidMultiByteCharactersIsReportedOnItsOwnLine() {
        // Enough valid multi-byte text to cross the decoder's buffer before the bad byte.
        StringBuilder content = new StringBuilder("anchor,positive\n");
        int rows = 5000;
        for (int i = 0; i < rows; i++) {
            content.append("é").append(i).append(",ü\n");
        }
        byte[] valid = content.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bad = "q,p\u00ff\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[valid.length + bad.length];
        System.arraycopy(valid, 0, all, 0, valid.length);
        System.arraycopy(bad, 0, all, valid.length, bad.length);
        Path file = bytes(dir, "latin1.csv", all);

        DataFormatException error = DataFiles.readError(file);

        DataFiles.assertLocated(error, file, rows + 2, null);
        assertThat(error.reason()).startsWith("expected UTF-8 text, got byte 0xFF at byte offset " + (valid.length + 3));
    }
}
