package dev.contrastive4j.data;

import static dev.contrastive4j.data.DataFiles.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.Example;
import dev.contrastive4j.spi.ScoredPair;
import dev.contrastive4j.spi.Triplet;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A teacher's margins next to triplet texts: read from label columns, checked, and written back. */
class TripletMarginsTest {

    @TempDir
    Path dir;

    @Test
    void jsonlLabelNumberIsTheMarginOfTheOneNegative() {
        Path file = text(dir, "train.jsonl", """
                {"anchor": "q1", "positive": "p1", "negative": "n1", "label": 4.25}
                {"anchor": "q2", "positive": "p2", "negative": "n2", "label": -1e-3}
                """);

        try (ExampleReader reader = ExampleReader.open(file)) {
            assertThat(reader.format()).isEqualTo(DataFormat.TRIPLET);
            assertThat(reader.mapping().marginColumns()).containsExactly("label");
            assertThat(reader.stream().toList()).containsExactly(
                    new Triplet("q1", "p1", List.of("n1"), List.of(4.25)),
                    new Triplet("q2", "p2", List.of("n2"), List.of(-0.001)));
        }
    }

    @Test
    void jsonlLabelArrayGivesOneMarginPerNegativeInOrder() {
        Path file = text(dir, "train.jsonl", """
                {"query": "q", "pos": "p", "negatives": ["a", "b", "c"], "score": [7, "-2.5", 0.125]}
                """);

        assertThat(Datasets.readAll(file, ReadOptions.defaults()))
                .containsExactly(new Triplet("q", "p", List.of("a", "b", "c"), List.of(7.0, -2.5, 0.125)));
    }

    @Test
    void csvNumberedLabelsFollowTheirNumbersNotTheirPlaces() {
        Path file = text(dir, "train.csv",
                "anchor,label_2,positive,negative_1,negative_2,label_1\nq,-3,p,first,second,12.5\n");

        assertThat(Datasets.readAll(file, ReadOptions.defaults()))
                .containsExactly(new Triplet("q", "p", List.of("first", "second"), List.of(12.5, -3.0)));
    }

    @Test
    void tsvMarginColumnAndAnExplicitMappingWork() {
        Path detected = text(dir, "detected.tsv", "anchor\tpositive\tnegative\tmargin\nq\tp\tn\t0.5\n");
        Path mapped = text(dir, "mapped.tsv", "question\tanswer\twrong\tce_margin\tignored\nq\tp\tn\t-8\tx\n");

        assertThat(Datasets.readAll(detected, ReadOptions.defaults()))
                .containsExactly(new Triplet("q", "p", List.of("n"), List.of(0.5)));
        assertThat(Datasets.readAll(mapped, ReadOptions.defaults()
                .withMapping("anchor=question,positive=answer,negative=wrong,margin=ce_margin")))
                .containsExactly(new Triplet("q", "p", List.of("n"), List.of(-8.0)));
    }

    @Test
    void aMappingNamesMarginsOnePerNegativeAndWritesThemBack() {
        String spec = "anchor=q,positive=p,negative=a,negative=b,margin=m1,margin=m2";

        assertThat(ColumnMapping.parse(spec).marginColumns()).containsExactly("m1", "m2");
        assertThat(ColumnMapping.parse(spec).spec()).isEqualTo(spec);
        assertThatThrownBy(() -> ColumnMapping.parse(spec + ",margin=m3"))
                .hasMessageContaining("expected one margin column per negative column (2), got 3");
        assertThatThrownBy(() -> ColumnMapping.parse("sentence1=a,sentence2=b,score=s,margin=m"))
                .hasMessageContaining("a mix of");
    }

    @Test
    void scoreAndLabelWithoutTripletRolesStillMakeScoredPairs() {
        Path file = text(dir, "sts.csv", "sentence1,sentence2,label\na,b,0.5\n");

        assertThat(Datasets.readAll(file, ReadOptions.defaults())).containsExactly(new ScoredPair("a", "b", 0.5));
    }

    @Test
    void badMarginValuesNameFileLineAndColumn() {
        Path word = text(dir, "word.csv", "anchor,positive,negative,label\nq,p,n,1\nq,p,n,high\n");
        Path empty = text(dir, "empty.csv", "anchor,positive,negative,label\nq,p,n,\n");
        Path infinite = text(dir, "infinite.jsonl", """
                {"anchor": "q", "positive": "p", "negative": "n", "label": 1}
                {"anchor": "q", "positive": "p", "negative": "n", "label": 1e999}
                """);
        Path element = text(dir, "element.jsonl", """
                {"anchor": "q", "positive": "p", "negatives": ["a", "b"], "label": [1, null]}
                """);

        assertThat(readError(word)).hasMessage(word
                + ":3: column 'label': expected a finite number (the teacher's margin), got 'high'");
        assertThat(readError(empty)).hasMessage(empty
                + ":2: column 'label': expected a finite number (the teacher's margin), got ''");
        assertThat(readError(infinite)).hasMessage(infinite
                + ":2: column 'label': expected a finite number (the teacher's margin), got 'Infinity'");
        assertThat(readError(element)).hasMessage(element
                + ":1: column 'label': element 2: expected a finite number (the teacher's margin), got null");
    }

    @Test
    void marginsMustMatchTheNegativesInNumber() {
        Path tooFew = text(dir, "few.jsonl", """
                {"anchor": "q", "positive": "p", "negatives": ["a", "b"], "label": [1, 2]}
                {"anchor": "q", "positive": "p", "negatives": ["a", "b"], "label": [1]}
                """);
        Path oneForTwo = text(dir, "one.csv", "anchor,positive,negative_1,negative_2,label\nq,p,a,b,1\n");
        Path emptyArray = text(dir, "none.jsonl", """
                {"anchor": "q", "positive": "p", "negative": "n", "label": []}
                """);

        assertThat(readError(tooFew)).hasMessage(tooFew + ":2: column 'label': expected one margin per negative (2),"
                + " got 1 (give an array of 2 numbers, or columns label_1 … label_2)");
        assertThat(readError(oneForTwo).line()).isEqualTo(2);
        assertThat(readError(oneForTwo).reason()).startsWith("expected one margin per negative (2), got 1");
        assertThat(readError(emptyArray)).hasMessage(emptyArray
                + ":1: column 'label': expected one margin per negative (1), got 0");
    }

    @Test
    void everyRowHasMarginsOrNone() {
        Path missing = text(dir, "missing.jsonl", """
                {"anchor": "q", "positive": "p", "negative": "n", "label": 1}
                {"anchor": "q", "positive": "p", "negative": "n"}
                """);
        Path extra = text(dir, "extra.jsonl", """
                {"anchor": "q", "positive": "p", "negative": "n"}
                {"anchor": "q", "positive": "p", "negative": "n", "label": 1}
                """);

        DataFormatException missingError = readError(missing);
        DataFormatException extraError = readError(extra);

        assertThat(missingError.line()).isEqualTo(2);
        assertThat(missingError.getMessage()).contains("label");
        assertThat(extraError.line()).isEqualTo(2);
        assertThat(extraError.getMessage()).contains("label");
    }

    @Test
    void marginsWithoutNegativesOrNextToSentencesAreHeaderErrors() {
        Path pair = text(dir, "pair.csv", "anchor,positive,label\nq,p,1\n");
        Path sentences = text(dir, "sentences.csv", "sentence1,sentence2,label_1\na,b,1\n");
        Path twice = text(dir, "twice.csv", "anchor,positive,negative,label,score\nq,p,n,1,2\n");

        assertThat(readError(pair).line()).isEqualTo(1);
        assertThat(readError(pair).reason()).startsWith("expected negatives next to the margin columns [label]");
        assertThat(readError(sentences)).hasMessage(sentences + ":1: column 'label_1': expected margins ('label_1')"
                + " only in a triplet file, next to anchor, positive and negative columns");
        assertThat(readError(twice).column()).isEqualTo("score");
        assertThat(readError(twice).reason()).startsWith("expected each margin once");
    }

    @ParameterizedTest
    @ValueSource(strings = {"out.jsonl", "out.csv", "out.tsv", "out.csv.gz"})
    void tripletsWithMarginsReadBackUnchanged(String name) {
        List<Example> one = List.of(new Triplet("q1", "p1", List.of("n1"), List.of(0.1 + 0.2)),
                new Triplet("q2", "p2", List.of("n2"), List.of(-1234.5e-9)));
        List<Example> three = List.of(new Triplet("q", "p", List.of("a", "b", "c"), List.of(1.0 / 3, -7.0, 1e300)));
        Path oneFile = dir.resolve("one-" + name);
        Path threeFile = dir.resolve("three-" + name);

        Datasets.write(oneFile, one);
        Datasets.write(threeFile, three);

        assertThat(Datasets.readAll(oneFile, ReadOptions.defaults())).isEqualTo(one);
        assertThat(Datasets.readAll(threeFile, ReadOptions.defaults())).isEqualTo(three);
        try (ExampleReader reader = ExampleReader.open(threeFile)) {
            assertThat(reader.mapping().marginColumns()).containsExactly("label_1", "label_2", "label_3");
        }
    }

    @Test
    void aWriterRefusesToMixRowsWithAndWithoutMargins() {
        Path file = dir.resolve("mixed.jsonl");

        assertThatThrownBy(() -> Datasets.write(file, List.of(new Triplet("q", "p", List.of("n"), List.of(1.0)),
                new Triplet("q", "p", "n"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 2 of " + file + ": expected a triplet with margins as in the first row");
    }

    private static DataFormatException readError(Path file) {
        return readError(file, ReadOptions.defaults());
    }

    private static DataFormatException readError(Path file, ReadOptions options) {
        try {
            Datasets.readAll(file, options);
        } catch (DataFormatException e) {
            return e;
        }
        throw new AssertionError("expected " + file + " to be rejected");
    }
}
