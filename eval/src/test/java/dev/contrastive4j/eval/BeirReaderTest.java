package dev.contrastive4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrastive4j.spi.ContrastiveException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BeirReaderTest {

    private static final String CORPUS = """
            {"_id": "d1", "title": "Paris", "text": "The capital of France."}
            {"_id": "d2", "title": "", "text": "Berlin is in Germany."}

            {"id": 3, "text": "No title at all."}
            {"_id": "d4", "title": null, "text": "A null title."}
            """;
    private static final String QUERIES = """
            {"_id": "q1", "text": "capital of France", "metadata": {}}
            {"id": "q2", "text": "where is Berlin"}
            {"_id": "q3", "text": "unjudged"}
            """;
    private static final String QRELS = """
            query-id\tcorpus-id\tscore
            q1\td1\t1
            q2\td2\t2
            q2\t3\t0
            q2\td4\t1.0
            q9\td1\t1
            """;

    @TempDir
    Path folder;

    @Test
    void readsTheBeirLayoutWithOptionalTitlesAndIdFields() throws IOException {
        write("corpus.jsonl", CORPUS);
        write("queries.jsonl", QUERIES);
        write("qrels/test.tsv", QRELS);

        RetrievalDataset data = BeirReader.readFolder(folder, "test");

        assertThat(data.corpus()).containsExactly(
                new CorpusDocument("d1", "Paris", "The capital of France."),
                new CorpusDocument("d2", "", "Berlin is in Germany."),
                new CorpusDocument("3", "", "No title at all."),
                new CorpusDocument("d4", "", "A null title."));
        assertThat(data.corpus().get(0).searchText()).isEqualTo("Paris The capital of France.");
        assertThat(data.queries()).containsExactly(
                Map.entry("q1", "capital of France"), Map.entry("q2", "where is Berlin"), Map.entry("q3", "unjudged"));
        // score 0 is not relevant; q9 is not a query, so its judgement is dropped
        assertThat(data.relevantDocuments()).containsOnlyKeys("q1", "q2");
        assertThat(data.relevantTo("q1")).containsExactly("d1");
        assertThat(data.relevantTo("q2")).containsExactly("d2", "d4");
        assertThat(data.relevantTo("q3")).isEmpty();
    }

    @Test
    void readsGzippedFilesByContentAndQrelsWithoutHeader() throws IOException {
        writeGzip("corpus.jsonl.gz", CORPUS);
        writeGzip("queries.jsonl.gz", QUERIES);
        writeGzip("qrels/dev.tsv", "q1\td1\t1\n");

        RetrievalDataset data = BeirReader.readFolder(folder, "dev");

        assertThat(data.corpus()).hasSize(4);
        assertThat(data.queries()).hasSize(3);
        assertThat(data.relevantDocuments()).isEqualTo(Map.of("q1", java.util.Set.of("d1")));
    }

    @Test
    void invalidJsonNamesFileAndLine() throws IOException {
        Path corpus = write("corpus.jsonl", "{\"_id\": \"d1\", \"text\": \"ok\"}\n{\"_id\": \"d2\", \"text\": \n");
        assertThatThrownBy(() -> BeirReader.readCorpus(corpus))
                .isInstanceOf(ContrastiveException.class)
                .hasMessageStartingWith(corpus + " line 2: expected a JSON object, found invalid JSON (");
    }

    @Test
    void lineThatIsNotAnObjectIsRejected() throws IOException {
        Path corpus = write("corpus.jsonl", "[\"d1\", \"text\"]\n");
        assertThatThrownBy(() -> BeirReader.readCorpus(corpus))
                .isInstanceOf(ContrastiveException.class)
                .hasMessage(corpus + " line 1: expected a JSON object, found array [\"d1\",\"text\"]");
    }

    @Test
    void missingIdNamesTheField() throws IOException {
        Path queries = write("queries.jsonl", "{\"_id\": \"q1\", \"text\": \"a\"}\n\n{\"text\": \"b\"}\n");
        assertThatThrownBy(() -> BeirReader.readQueries(queries))
                .isInstanceOf(ContrastiveException.class)
                .hasMessage(queries + " line 3, field '_id': expected an id in '_id' (or 'id'), found neither field");
    }

    @Test
    void missingOrMistypedTextNamesTheField() throws IOException {
        Path corpus = write("corpus.jsonl", "{\"_id\": \"d1\", \"title\": \"t\"}\n");
        assertThatThrownBy(() -> BeirReader.readCorpus(corpus))
                .isInstanceOf(ContrastiveException.class)
                .hasMessage(corpus + " line 1, field 'text': expected a string, found no such field");
        Path queries = write("queries.jsonl", "{\"_id\": \"q1\", \"text\": 42}\n");
        assertThatThrownBy(() -> BeirReader.readQueries(queries))
                .isInstanceOf(ContrastiveException.class)
                .hasMessage(queries + " line 1, field 'text': expected a string, found number 42");
    }

    @Test
    void mistypedTitleAndIdAreRejected() throws IOException {
        Path corpus = write("corpus.jsonl", "{\"_id\": \"d1\", \"title\": [1], \"text\": \"x\"}\n");
        assertThatThrownBy(() -> BeirReader.readCorpus(corpus))
                .isInstanceOf(ContrastiveException.class)
                .hasMessage(corpus + " line 1, field 'title': expected a string or null, found array [1]");
        Path queries = write("queries.jsonl", "{\"id\": 1.5, \"text\": \"x\"}\n");
        assertThatThrownBy(() -> BeirReader.readQueries(queries))
                .isInstanceOf(ContrastiveException.class)
                .hasMessage(queries + " line 1, field 'id': expected a non-empty string or an integer, found number 1.5");
    }

    @Test
    void duplicateIdNamesBothLines() throws IOException {
        Path corpus = write("corpus.jsonl", "{\"_id\": \"d1\", \"text\": \"a\"}\n{\"_id\": \"d2\", \"text\": \"b\"}\n"
                + "{\"_id\": \"d1\", \"text\": \"c\"}\n");
        assertThatThrownBy(() -> BeirReader.readCorpus(corpus))
                .isInstanceOf(ContrastiveException.class)
                .hasMessage(corpus + " line 3, field '_id': expected a unique id, found 'd1' again (first on line 1)");
    }

    @Test
    void qrelsWithWrongFieldCountNamesLine() throws IOException {
        Path qrels = write("qrels.tsv", "q1\td1\t1\nq1 d2 1\n");
        assertThatThrownBy(() -> BeirReader.readQrels(qrels))
                .isInstanceOf(ContrastiveException.class)
                .hasMessage(qrels + " line 2: expected 3 tab-separated fields (query-id, corpus-id, score), found 1");
    }

    @Test
    void qrelsScoreMustBeANumber() throws IOException {
        Path qrels = write("qrels.tsv", "q1\td1\t1\nq1\td2\thigh\n");
        assertThatThrownBy(() -> BeirReader.readQrels(qrels))
                .isInstanceOf(ContrastiveException.class)
                .hasMessage(qrels + " line 2, field 'score': expected a number, found 'high'");
    }

    @Test
    void misspelledQrelsHeaderIsExplained() throws IOException {
        Path qrels = write("qrels.tsv", "query_id\tdoc_id\tscore\nq1\td1\t1\n");
        assertThatThrownBy(() -> BeirReader.readQrels(qrels))
                .isInstanceOf(ContrastiveException.class)
                .hasMessage(qrels + " line 1, field 'score': expected a number, found 'score'"
                        + " (a header line must read query-id, corpus-id, score)");
    }

    @Test
    void emptyQrelsIdIsRejected() throws IOException {
        Path qrels = write("qrels.tsv", "\td1\t1\n");
        assertThatThrownBy(() -> BeirReader.readQrels(qrels))
                .isInstanceOf(ContrastiveException.class)
                .hasMessage(qrels + " line 1, field 'query-id': expected an id, found an empty field");
    }

    @Test
    void missingFilesAreNamed() throws IOException {
        write("corpus.jsonl", CORPUS);
        assertThatThrownBy(() -> BeirReader.readFolder(folder, "test"))
                .isInstanceOf(ContrastiveException.class)
                .hasMessage(folder + ": expected queries.jsonl or queries.jsonl.gz, found neither");
        assertThatThrownBy(() -> BeirReader.readQrels(folder.resolve("nope.tsv")))
                .isInstanceOf(ContrastiveException.class)
                .hasMessage(folder.resolve("nope.tsv") + ": expected a file, found none");
    }

    @Test
    void corruptGzipIsAReadErrorNamingTheFile() throws IOException {
        Path broken = folder.resolve("corpus.jsonl.gz");
        Files.write(broken, new byte[] {0x1f, (byte) 0x8b, 1, 2, 3});
        assertThatThrownBy(() -> BeirReader.readCorpus(broken))
                .isInstanceOf(ContrastiveException.class)
                .hasMessageStartingWith(broken + " line 1: could not read (");
    }

    private Path write(String name, String content) throws IOException {
        Path file = folder.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private void writeGzip(String name, String content) throws IOException {
        Path file = folder.resolve(name);
        Files.createDirectories(file.getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }
}
