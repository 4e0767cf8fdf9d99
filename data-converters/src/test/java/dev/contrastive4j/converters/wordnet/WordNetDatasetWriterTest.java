package dev.contrastive4j.converters.wordnet;

import static dev.contrastive4j.converters.wordnet.TinyWordNet.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrastive4j.spi.ContrastiveException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordNetDatasetWriterTest {

    private static final WordNetDataset DATASET = new WordNetDataset(Map.of(
            Split.TRAIN, List.of(
                    triplet("n1", "they pulled the canoe up on the bank", "sloping land", "n2", "a bank for money"),
                    triplet("n1", "the bank was steep", "sloping land", "n2", "a bank for money")),
            Split.DEV, List.of(
                    new WordNetTriplet(id("a10"), "hot", "a hot stove", "used of heat", id("a11"), NegativeKind.ANTONYM,
                            "having a low temperature")),
            Split.TEST, List.of(
                    triplet("n2", "he cashed a check at the \"bank\"", "a bank for money", "n1", "sloping land"))));

    private static final WordNetDatasetWriter.Provenance PROVENANCE = new WordNetDatasetWriter.Provenance(
            "A test WordNet", List.of("Line one of the license.", "", "WordNet 3.1 Copyright 2011."),
            new WordNetTripletBuilder.Settings(42, 3));

    @TempDir
    Path temp;

    @Test
    void writesOneCompactJsonObjectPerTripletWithKeysInOrder() throws IOException {
        new WordNetDatasetWriter().write(DATASET, PROVENANCE, temp);

        assertThat(gunzipLines(temp.resolve("train.jsonl.gz"))).containsExactly(
                "{\"anchor\":\"they pulled the canoe up on the bank\",\"positive\":\"sloping land\","
                        + "\"negative\":\"a bank for money\"}",
                "{\"anchor\":\"the bank was steep\",\"positive\":\"sloping land\",\"negative\":\"a bank for money\"}");
        assertThat(gunzipLines(temp.resolve("test.jsonl.gz"))).containsExactly(
                "{\"anchor\":\"he cashed a check at the \\\"bank\\\"\",\"positive\":\"a bank for money\","
                        + "\"negative\":\"sloping land\"}");
    }

    @Test
    void writesTheTestSplitInRetrievalForm() throws IOException {
        new WordNetDatasetWriter().write(DATASET, PROVENANCE, temp);

        Path ir = temp.resolve("test-ir");
        assertThat(gunzipLines(ir.resolve("corpus.jsonl.gz"))).containsExactly(
                "{\"_id\":\"n00000002\",\"text\":\"a bank for money\"}",
                "{\"_id\":\"n00000001\",\"text\":\"sloping land\"}");
        assertThat(gunzipLines(ir.resolve("queries.jsonl.gz"))).containsExactly(
                "{\"_id\":\"n00000002-1\",\"text\":\"he cashed a check at the \\\"bank\\\"\"}");
        assertThat(Files.readString(ir.resolve("qrels.tsv")))
                .isEqualTo("query-id\tcorpus-id\tscore\nn00000002-1\tn00000002\t1\n");
    }

    @Test
    void readmeGivesSourceCountsAndTheLicenseVerbatim() throws IOException {
        new WordNetDatasetWriter().write(DATASET, PROVENANCE, temp);

        String readme = Files.readString(temp.resolve("README.md"));
        assertThat(readme).contains("A test WordNet.");
        // Columns: triplets, distinct positives, then negatives by kind (same POS, other POS, antonym, co-hyponym).
        assertThat(readme).contains("| train | 2 | 1 | 2 | 0 | 0 | 0 |");
        assertThat(readme).contains("| dev | 1 | 1 | 0 | 0 | 1 | 0 |");
        assertThat(readme).contains("| test | 1 | 1 | 1 | 0 | 0 | 0 |");
        assertThat(readme).contains("| all | 4 |");
        assertThat(readme).contains("`test-ir`: 1 queries, 2 corpus documents, 1 relevance judgements.");
        assertThat(readme).contains("```\nLine one of the license.\n\nWordNet 3.1 Copyright 2011.\n```");
        assertThat(readme).doesNotContain("{{");
    }

    @Test
    void returnsTheFilesItWrote() {
        List<Path> files = new WordNetDatasetWriter().write(DATASET, PROVENANCE, temp);

        assertThat(files).containsExactly(Path.of("train.jsonl.gz"), Path.of("dev.jsonl.gz"), Path.of("test.jsonl.gz"),
                Path.of("test-ir", "corpus.jsonl.gz"), Path.of("test-ir", "queries.jsonl.gz"),
                Path.of("test-ir", "qrels.tsv"), Path.of("README.md"));
        assertThat(files).allSatisfy(file -> assertThat(temp.resolve(file)).isRegularFile());
    }

    @Test
    void writingTwiceGivesTheSameBytes() throws IOException {
        Path first = temp.resolve("first");
        Path second = temp.resolve("second");
        List<Path> files = new WordNetDatasetWriter().write(DATASET, PROVENANCE, first);
        new WordNetDatasetWriter().write(DATASET, PROVENANCE, second);

        for (Path file : files) {
            assertThat(Files.readAllBytes(second.resolve(file))).as("%s", file)
                    .isEqualTo(Files.readAllBytes(first.resolve(file)));
        }
    }

    @Test
    void leavesOnlyTheDatasetBehind() throws IOException {
        new WordNetDatasetWriter().write(DATASET, PROVENANCE, temp);

        try (Stream<Path> names = Files.list(temp)) {
            assertThat(names.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder(
                    "train.jsonl.gz", "dev.jsonl.gz", "test.jsonl.gz", "test-ir", "README.md");
        }
    }

    @Test
    void aRefusedWriteLeavesThePreviousDatasetAsItWas() throws IOException {
        new WordNetDatasetWriter().write(DATASET, PROVENANCE, temp);
        byte[] train = Files.readAllBytes(temp.resolve("train.jsonl.gz"));
        Path qrels = temp.resolve("test-ir").resolve("qrels.tsv");
        Files.delete(qrels);
        Files.createDirectories(qrels.resolve("inside"));
        WordNetDataset other = new WordNetDataset(Map.of(Split.TRAIN, List.of(
                triplet("n1", "a different anchor", "sloping land", "n2", "a bank for money"))));

        assertThatThrownBy(() -> new WordNetDatasetWriter().write(other, PROVENANCE, temp))
                .isInstanceOf(ContrastiveException.class)
                .hasMessageContaining("qrels.tsv is a folder, not a file");

        assertThat(Files.readAllBytes(temp.resolve("train.jsonl.gz"))).isEqualTo(train);
        try (Stream<Path> names = Files.list(temp)) {
            assertThat(names.map(path -> path.getFileName().toString())).noneMatch(name -> name.startsWith("."));
        }
    }

    static List<String> gunzipLines(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    private static WordNetTriplet triplet(String sense, String anchor, String positive, String negativeSense,
            String negative) {
        return new WordNetTriplet(id(sense), "bank", anchor, positive, id(negativeSense),
                NegativeKind.SAME_WORD_SAME_POS, negative);
    }
}
