package dev.contrastive4j.data;

import static dev.contrastive4j.data.DataFiles.readError;
import static dev.contrastive4j.data.DataFiles.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.contrastive4j.spi.ScoredPair;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SkipBadRowsTest {

    private static final ReadOptions SKIPPING = ReadOptions.defaults().skippingBadRows();

    @TempDir
    Path dir;

    @Test
    void badRowsAreSkippedCountedAndTheFirstFiveReasonsKeptWithTheirLines() {
        Path file = text(dir, "sts.csv", """
                sentence1,sentence2,score
                a,b,0.5
                c,d,2
                e,,0.1
                f,g
                h,i,x
                "j"k,l,0.3
                m,n,0.9
                o,p,-1
                """);

        try (ExampleReader reader = ExampleReader.open(file, SKIPPING)) {
            assertThat(reader.stream().toList()).containsExactly(new ScoredPair("a", "b", 0.5), new ScoredPair("m", "n", 0.9));
            ReadReport report = reader.report();

            assertThat(report.rowsRead()).isEqualTo(2);
            assertThat(report.rowsSkipped()).isEqualTo(6);
            assertThat(report.firstProblems()).hasSize(ReadReport.MAX_PROBLEMS)
                    .extracting(DataFormatException::line, DataFormatException::column)
                    .containsExactly(
                            tuple(3L, "score"),
                            tuple(4L, "sentence2"),
                            tuple(5L, "score"),
                            tuple(6L, "score"),
                            tuple(7L, "sentence1"));
            assertThat(report.summary()).startsWith("read 2 rows of " + file + ", skipped 6 bad rows:")
                    .contains(file + ":3: column 'score': expected a number in [0, 1], got '2'")
                    .endsWith("(and 1 more)");
        }
    }

    @Test
    void skippedJsonlRowsIncludeInvalidJsonAndWrongKeys() {
        Path file = text(dir, "train.jsonl", """
                {"anchor": "q1", "positive": "p1"}
                {"anchor": "q2", "positive":
                {"anchor": "q3"}
                [1, 2]
                {"anchor": "q5", "positive": "p5"}
                """);

        ReadReport report = Datasets.scan(file, SKIPPING);

        assertThat(report.rowsRead()).isEqualTo(2);
        assertThat(report.rowsSkipped()).isEqualTo(3);
        assertThat(report.firstProblems()).extracting(DataFormatException::line).containsExactly(2L, 3L, 4L);
    }

    @Test
    void skippingStillFailsWhenNoRowIsGood() {
        Path file = text(dir, "train.csv", "anchor,positive\nq,\n,p\n");

        DataFormatException error = readError(file, SKIPPING);

        DataFiles.assertLocated(error, file, 0, null);
        assertThat(error.reason()).isEqualTo("expected at least one good row, got none: all 2 rows are bad, "
                + "the first because " + file + ":2: column 'positive': expected a non-blank text, got an empty one");
    }

    @Test
    void withoutSkippingTheFirstBadRowFails() {
        Path file = text(dir, "train.csv", "anchor,positive\nq,p\nq,\n,p\n");

        DataFiles.assertLocated(readError(file), file, 3, "positive");
    }
}
