package dev.contrastive4j.data;

import static dev.contrastive4j.data.DataFiles.assertLocated;
import static dev.contrastive4j.data.DataFiles.bytes;
import static dev.contrastive4j.data.DataFiles.gzip;
import static dev.contrastive4j.data.DataFiles.readError;
import static dev.contrastive4j.data.DataFiles.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrastive4j.spi.ContrastiveException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a data file can be wrong, and where the error says it is. */
class ExampleReaderErrorsTest {

    @TempDir
    Path dir;

    @Test
    void jsonErrorsNameNoJacksonSettings() {
        // Jackson advises its programmers ("enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow"): no help
        // to a user, who cannot change them.
        Path nan = text(dir, "nan.jsonl", """
                {"anchor": "a", "positive": "b"}
                {"anchor": "c", "positive": NaN}
                """);
        Path twoObjects = text(dir, "two.jsonl", """
                {"anchor": "a", "positive": "b"}
                {"anchor": "c", "positive": "d"} {"anchor": "e", "positive": "f"}
                """);
        for (Path file : java.util.List.of(nan, twoObjects)) {
            DataFormatException error = readError(file);
            assertThat(error.getMessage()).startsWith(file + ":2: expected valid JSON, got an error at character ")
                    .doesNotContain("Feature", "`", "com.fasterxml");
        }
    }

    @Test
    void scoreAboveOneNamesFileLineAndColumn() {
        Path file = text(dir, "train.jsonl", """
                {"sentence1": "a", "sentence2": "b", "score": 0.5}
                {"sentence1": "c", "sentence2": "d", "score": 1.7}
                """);

        DataFormatException error = readError(file);

        assertThat(error).hasMessage(file + ":2: column 'score': expected a number in [0, 1], got '1.7'");
        assertLocated(error, file, 2, "score");
    }

    @Test
    void negativeScoreAndNanAndNonNumericScoresAreRejected() {
        Path negative = text(dir, "negative.csv", "sentence1,sentence2,score\na,b,-0.1\n");
        Path nan = text(dir, "nan.csv", "sentence1,sentence2,score\na,b,1\nc,d,NaN\n");
        Path word = text(dir, "word.tsv", "sentence1\tsentence2\tlabel\na\tb\thigh\n");
        Path bool = text(dir, "bool.jsonl", "{\"sentence1\": \"a\", \"sentence2\": \"b\", \"score\": true}\n");

        assertThat(readError(negative).getMessage())
                .isEqualTo(negative + ":2: column 'score': expected a number in [0, 1], got '-0.1'");
        assertThat(readError(nan).getMessage())
                .isEqualTo(nan + ":3: column 'score': expected a number in [0, 1], got 'NaN'");
        assertThat(readError(word).getMessage())
                .isEqualTo(word + ":2: column 'label': expected a number in [0, 1], got 'high'");
        assertThat(readError(bool).getMessage())
                .isEqualTo(bool + ":1: column 'score': expected a number in [0, 1], got the boolean true");
    }

    @Test
    void csvRowWithFewerFieldsNamesTheFirstMissingColumn() {
        Path file = text(dir, "train.csv", "anchor,positive,negative\nq,p,n\nq,p\n");

        DataFormatException error = readError(file);

        assertLocated(error, file, 3, "negative");
        assertThat(error.reason()).isEqualTo("missing: expected 3 fields as in the header, got 2");
    }

    @Test
    void csvRowWithMoreFieldsThanTheHeaderIsAnError() {
        Path file = text(dir, "train.csv", "anchor,positive\nq,p\nq,p,surplus\n");

        DataFormatException error = readError(file);

        assertLocated(error, file, 3, null);
        assertThat(error.reason())
                .isEqualTo("expected 2 fields as in the header, got 3 (the first extra one is 'surplus')");
    }

    @Test
    void jsonlRowMissingAKeyOfTheFirstRowNamesIt() {
        Path file = text(dir, "train.jsonl", """
                {"anchor": "q", "positive": "p"}
                {"anchor": "q"}
                """);

        DataFormatException error = readError(file);

        assertLocated(error, file, 2, "positive");
        assertThat(error.reason()).startsWith("missing:");
    }

    @Test
    void jsonlRowWithAnExtraKeyNamesIt() {
        Path file = text(dir, "train.jsonl", """
                {"anchor": "q", "positive": "p"}
                {"anchor": "q", "positive": "p", "extra": "x"}
                """);

        DataFormatException error = readError(file);

        assertLocated(error, file, 2, "extra");
        assertThat(error.reason()).startsWith("unexpected key");
    }

    @Test
    void blankTextIsAnErrorInEachFormat() {
        Path csv = text(dir, "train.csv", "anchor,positive\nq,p\n\"\",p\n");
        Path tsv = text(dir, "train.tsv", "anchor\tpositive\nq\t   \n");
        Path jsonl = text(dir, "train.jsonl", "{\"anchor\": \"q\", \"positive\": \"\"}\n");

        DataFormatException csvError = readError(csv);
        DataFormatException tsvError = readError(tsv);
        DataFormatException jsonlError = readError(jsonl);

        assertLocated(csvError, csv, 3, "anchor");
        assertThat(csvError.reason()).isEqualTo("expected a non-blank text, got an empty one");
        assertLocated(tsvError, tsv, 2, "positive");
        assertThat(tsvError.reason()).isEqualTo("expected a non-blank text, got only white space");
        assertLocated(jsonlError, jsonl, 1, "positive");
    }

    @Test
    void jsonValueThatIsNotAStringWhereTextIsExpectedIsAnError() {
        Path number = text(dir, "number.jsonl", "{\"anchor\": \"q\", \"positive\": \"p\"}\n{\"anchor\": 42, \"positive\": \"p\"}\n");
        Path nullValue = text(dir, "null.jsonl", "{\"anchor\": \"q\", \"positive\": null}\n");

        DataFormatException numberError = readError(number);
        DataFormatException nullError = readError(nullValue);

        assertLocated(numberError, number, 2, "anchor");
        assertThat(numberError.reason()).isEqualTo("expected a string, got the number 42");
        assertLocated(nullError, nullValue, 1, "positive");
        assertThat(nullError.reason()).isEqualTo("expected a string, got null");
    }

    @Test
    void invalidJsonGivesJacksonsDetailWithoutItsSourceExcerpt() {
        Path file = text(dir, "train.jsonl", """
                {"anchor": "q", "positive": "p"}

                {"anchor": "q", "positive": "p",}
                """);

        DataFormatException error = readError(file);

        assertLocated(error, file, 3, null);
        assertThat(error.reason()).startsWith("expected valid JSON, got an error at character ")
                .contains("was expecting double-quote to start field name")
                .doesNotContain("Source").doesNotContain("\n");
    }

    @Test
    void duplicateKeysAndTrailingTextAreInvalidJson() {
        Path duplicate = text(dir, "dup.jsonl", "{\"anchor\": \"q\", \"positive\": \"p\"}\n"
                + "{\"anchor\": \"q\", \"anchor\": \"q2\", \"positive\": \"p\"}\n");
        Path trailing = text(dir, "trailing.jsonl", "{\"anchor\": \"q\", \"positive\": \"p\"}\n"
                + "{\"anchor\": \"q\", \"positive\": \"p\"} {}\n");

        assertLocated(readError(duplicate), duplicate, 2, null);
        assertThat(readError(duplicate).reason()).contains("Duplicate field 'anchor'");
        assertLocated(readError(trailing), trailing, 2, null);
    }

    @Test
    void jsonlLineThatIsNotAnObjectIsAnError() {
        Path file = text(dir, "train.jsonl", "{\"anchor\": \"q\", \"positive\": \"p\"}\n[\"q\", \"p\"]\n");

        DataFormatException error = readError(file);

        assertLocated(error, file, 2, null);
        assertThat(error.reason()).isEqualTo("expected a JSON object, got an array");
    }

    @Test
    void firstJsonlLineMustBeAValidObjectAsItNamesTheColumns() {
        Path file = text(dir, "train.jsonl", "\n\"just a string\"\n{\"anchor\": \"q\", \"positive\": \"p\"}\n");

        DataFormatException error = readError(file, ReadOptions.defaults().skippingBadRows());

        assertLocated(error, file, 2, null);
        assertThat(error.reason()).startsWith("expected a JSON object, got the string 'just a string'");
    }

    @Test
    void invalidUtf8NamesTheLineOfTheBadByte() {
        byte[] start = "anchor,positive\nq,p\nq,".getBytes(StandardCharsets.UTF_8);
        byte[] content = Arrays.copyOf(start, start.length + 2);
        content[start.length] = (byte) 0xC3; // a lead byte followed by a byte that cannot continue it
        content[start.length + 1] = (byte) 0x28;
        Path file = bytes(dir, "train.csv", content);

        DataFormatException error = readError(file, ReadOptions.defaults().skippingBadRows());

        assertLocated(error, file, 3, null);
        assertThat(error.reason()).startsWith("expected UTF-8 text, got byte 0xC3 at byte offset " + start.length);
    }

    @Test
    void jsonlNegativesArrayShorterThanTheFirstRowsIsAnError() {
        Path file = text(dir, "train.jsonl", """
                {"anchor": "q1", "positive": "p1", "negatives": ["a", "b", "c"]}
                {"anchor": "q2", "positive": "p2", "negatives": ["a", "b"]}
                """);

        DataFormatException error = readError(file);

        assertLocated(error, file, 2, "negatives");
        assertThat(error.reason()).isEqualTo("expected 3 negatives as in the first row, got 2");
    }

    @Test
    void negativesArrayElementsMustBeNonBlankStrings() {
        Path empty = text(dir, "empty.jsonl", "{\"anchor\": \"q\", \"positive\": \"p\", \"negatives\": []}\n");
        Path number = text(dir, "number.jsonl", "{\"anchor\": \"q\", \"positive\": \"p\", \"negatives\": [\"n\", 3]}\n");

        assertThat(readError(empty).getMessage())
                .isEqualTo(empty + ":1: column 'negatives': expected at least one negative, got none");
        assertThat(readError(number).getMessage())
                .isEqualTo(number + ":1: column 'negatives': element 2: expected a string, got the number 3");
    }

    @Test
    void emptyFileIsAnErrorAboutTheWholeFile() {
        Path csv = text(dir, "empty.csv", "");
        Path jsonl = text(dir, "blank.jsonl", "\n  \n");

        DataFormatException csvError = readError(csv);
        DataFormatException jsonlError = readError(jsonl);

        assertLocated(csvError, csv, 0, null);
        assertThat(csvError).hasMessage(csv + ": expected a header line naming the columns, got an empty file");
        assertLocated(jsonlError, jsonl, 0, null);
        assertThat(jsonlError.reason()).isEqualTo("expected one JSON object per line, got an empty file");
    }

    @Test
    void headerWithoutRowsIsAnError() {
        Path file = text(dir, "train.tsv", "anchor\tpositive\tnegative\n\n");

        DataFormatException error = readError(file);

        assertLocated(error, file, 1, null);
        assertThat(error.reason()).isEqualTo("expected rows after the header, got none");
    }

    @Test
    void unterminatedQuoteAtTheEndOfACsvNamesTheLineItOpensOn() {
        Path file = text(dir, "train.csv", "anchor,positive\nq,p\nq,\"open\nand never\nclosed\n");

        DataFormatException error = readError(file, ReadOptions.defaults().skippingBadRows());

        assertLocated(error, file, 3, null);
        assertThat(error.reason())
                .isEqualTo("expected a closing quote for the field opened on this line, got the end of the file");
    }

    @Test
    void rowAfterAMultiLineQuotedFieldHasItsOwnLineNumber() {
        Path file = text(dir, "train.csv", "anchor,positive\n"  // line 1
                + "\"three\nline\nanchor\",p\n"                   // lines 2-4
                + "q,\"two\r\nlines\"\n"                            // lines 5-6
                + "q,\n");                                          // line 7: empty positive

        DataFormatException error = readError(file);

        assertLocated(error, file, 7, "positive");
    }

    @Test
    void quoteInsideAnUnquotedFieldAndTextAfterAClosingQuoteAreErrors() {
        Path inside = text(dir, "inside.csv", "anchor,positive\nq,5\" screen\n");
        Path after = text(dir, "after.csv", "anchor,positive\n\"q\"x,p\n");

        DataFormatException insideError = readError(inside);
        DataFormatException afterError = readError(after);

        assertLocated(insideError, inside, 2, "positive");
        assertThat(insideError.reason()).startsWith("expected no quote in an unquoted field, got '5\" screen'");
        assertLocated(afterError, after, 2, "anchor");
        assertThat(afterError.reason()).startsWith("expected a comma or the end of the row after a closing quote, got 'x'");
    }

    @Test
    void unrecognisedColumnIsNamedWithTheRecognisedNames() {
        Path file = text(dir, "train.csv", "anchor,positive,source\nq,p,web\n");

        DataFormatException error = readError(file);

        assertLocated(error, file, 1, "source");
        assertThat(error.reason()).contains("anchor, query, positive, pos, negative, neg, negatives, "
                + "negative_<n>, neg_<n>, sentence1, sentence2, score, label").contains("explicit column mapping");
    }

    @Test
    void columnsThatMakeUpNoFormatAreAnError() {
        Path file = text(dir, "train.csv", "anchor,score\nq,1\n");

        DataFormatException error = readError(file);

        assertLocated(error, file, 1, null);
        assertThat(error.reason()).startsWith("expected anchor and positive (pair)")
                .contains("got a mix of anchor ('anchor'), score ('score')");
    }

    @Test
    void duplicateColumnNamesIgnoringCaseAreAnError() {
        Path file = text(dir, "train.csv", "anchor,positive,Anchor\nq,p,q\n");

        DataFormatException error = readError(file);

        assertLocated(error, file, 1, "Anchor");
        assertThat(error.reason()).isEqualTo("expected distinct column names, got 'anchor' and 'Anchor'");
    }

    @Test
    void twoColumnsForTheSameNegativeAreAnError() {
        Path file = text(dir, "train.csv", "anchor,positive,neg_1,negative_1\nq,p,n,m\n");

        assertLocated(readError(file), file, 1, "negative_1");
    }

    @Test
    void explicitMappingNamingAMissingColumnIsAnError() {
        Path file = text(dir, "qa.csv", "question,answer\nq,a\n");

        DataFormatException error = readError(file, ReadOptions.defaults().withMapping("anchor=question,positive=reply"));

        assertLocated(error, file, 1, "reply");
        assertThat(error.reason()).isEqualTo("named by the column mapping, but the file's columns are only [question, answer]");
    }

    @Test
    void truncatedGzipIsAnError() {
        byte[] whole = gzip("anchor,positive\n" + "q,p\n".repeat(1000));
        Path file = bytes(dir, "train.csv.gz", Arrays.copyOf(whole, whole.length / 2));

        DataFormatException error = readError(file);

        assertThat(error.reason()).startsWith("expected complete gzip data, got a truncated file");
    }

    @Test
    void missingFileAndUnknownExtensionAreClearErrors() {
        Path missing = dir.resolve("nope.jsonl");
        Path unknown = text(dir, "data.parquet", "x");

        assertThatThrownBy(() -> ExampleReader.open(missing)).isInstanceOf(ContrastiveException.class)
                .hasMessage("data file not found: " + missing);
        assertThatThrownBy(() -> ExampleReader.open(unknown)).isInstanceOf(ContrastiveException.class)
                .hasMessageStartingWith("cannot tell the format of '" + unknown + "' from its name");
    }
}
