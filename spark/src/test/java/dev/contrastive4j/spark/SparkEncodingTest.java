package dev.contrastive4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.contrastive4j.encoder.EncoderLoader;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.encoding.Encoding;
import dev.contrastive4j.prompts.Prompts;
import dev.contrastive4j.spark.examples.EncodeCorpusJob;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.testkit.TinyEncoders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkEncodingTest {

    private static SparkSession spark;
    @TempDir
    static Path folder;
    private static Path tinyModel;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("SparkEncodingTest");
        tinyModel = TinyEncoders.saveBert(folder.resolve("tiny"), 11);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void embeddingsEqualEncodeOfTheSameTexts() throws IOException {
        List<String> texts = LocalSpark.texts(1, 40, "w");
        // small chunks in three partitions: many encoder calls of different make-up than encode's one chunk
        SparkEncoding encoding = SparkEncoding.builder().model(SparkModel.named(tinyModel.toString()))
                .chunkSize(7).batchSize(4).build();
        List<Row> rows = encoding.transform(frame(texts, 3)).collectAsList();

        List<float[]> expected = encode(tinyModel.toString(), texts, Prompts.NONE, false, null);
        assertSameEmbeddings(rows, texts, expected);
    }

    @Test
    void promptsTokenLimitAndNormalisationAreThoseOfEncode() throws IOException {
        List<String> texts = LocalSpark.texts(2, 25, "p");
        Prompts prompts = Prompts.forAll("the quick fox : ");
        SparkEncoding encoding = SparkEncoding.builder()
                .model(SparkModel.named(tinyModel.toString()).withPrompts(prompts).withMaxSeqLength(9))
                .normalize(true).chunkSize(10).build();
        List<Row> rows = encoding.transform(frame(texts, 2)).collectAsList();

        List<float[]> expected = encode(tinyModel.toString(), texts, prompts, true, 9);
        assertSameEmbeddings(rows, texts, expected);
        // negative control: without the prompt the embeddings differ by far more than the tolerance
        List<float[]> unprompted = encode(tinyModel.toString(), texts, Prompts.NONE, true, 9);
        assertThat(maxDifference(expected, unprompted)).isGreaterThan(1e-3);
    }

    @Test
    void shippedModelFolderIsLoadedFromSparkFiles() throws IOException {
        List<String> texts = LocalSpark.texts(3, 10, "s");
        SparkModel shipped = SparkModel.ship(spark, tinyModel);
        List<Row> rows = SparkEncoding.builder().model(shipped).build().transform(frame(texts, 2)).collectAsList();

        assertSameEmbeddings(rows, texts, encode(tinyModel.toString(), texts, Prompts.NONE, false, null));
    }

    @Test
    void bundledMiniLmEqualsEncode() throws IOException {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            texts.add(i % 2 == 0 ? "A short sentence number " + i + "."
                    : "A somewhat longer sentence, number " + i + ", about embeddings computed on a Spark cluster.");
        }
        List<Row> rows = SparkEncoding.builder().model(SparkModel.named("minilm")).chunkSize(6).build()
                .transform(frame(texts, 2)).collectAsList();

        List<float[]> expected = encode("minilm", texts, Prompts.NONE, false, null);
        assertThat(expected.get(0)).hasSize(384);
        assertSameEmbeddings(rows, texts, expected);
    }

    @Test
    void missingOrNonTextColumnIsNamed() {
        Dataset<Row> data = frame(List.of("a cat"), 1);
        SparkEncoding wrongColumn = SparkEncoding.builder().model(SparkModel.named(tinyModel.toString()))
                .inputColumn("sentence").build();
        assertThatThrownBy(() -> wrongColumn.transform(data)).isInstanceOf(ContrastiveException.class)
                .hasMessage("input column 'sentence' not found: the data set has the columns [id, text]");
        SparkEncoding numbers = SparkEncoding.builder().model(SparkModel.named(tinyModel.toString()))
                .inputColumn("id").build();
        assertThatThrownBy(() -> numbers.transform(data)).hasMessage("input column 'id': expected strings, found int");
        SparkEncoding clash = SparkEncoding.builder().model(SparkModel.named(tinyModel.toString()))
                .outputColumn("id").build();
        assertThatThrownBy(() -> clash.transform(data)).hasMessageStartingWith("output column 'id' exists already");
    }

    @Test
    void unknownModelIsRefusedOnTheDriver() {
        assertThatThrownBy(() -> SparkModel.named("no-such-model")).isInstanceOf(ContrastiveException.class)
                .hasMessageStartingWith("model 'no-such-model': expected 'minilm', 'bge-small' or the path of a model"
                        + " folder or .onnx file that every executor can read, found no such file or folder");
        assertThatThrownBy(() -> SparkModel.ship(spark, folder.resolve("missing")))
                .hasMessageEndingWith("expected a model folder to ship to the executors, found nothing there");
    }

    @Test
    void nullTextFailsTheJobSayingSo() {
        StructType schema = new StructType().add("id", DataTypes.IntegerType).add("text", DataTypes.StringType);
        Dataset<Row> data = spark.createDataFrame(List.of(RowFactory.create(0, "a cat"), RowFactory.create(1, null)),
                schema);
        SparkEncoding encoding = SparkEncoding.builder().model(SparkModel.named(tinyModel.toString())).build();
        assertThatThrownBy(() -> encoding.transform(data).collectAsList()).isInstanceOf(SparkException.class)
                .hasStackTraceContaining("a text to embed is null: expected a string in every row");
    }

    @Test
    void exampleJobWritesEveryTextWithItsEmbeddingAsParquet() throws Exception {
        // the example job of spark/README.md: JSON Lines in, a model folder shipped with the job, Parquet out
        Path model = TinyEncoders.saveBert(folder.resolve("job-model"), 3);
        List<String> texts = LocalSpark.texts(5, 12, "j");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            lines.add("{\"_id\": \"d" + i + "\", \"body\": \"" + texts.get(i) + "\"}");
        }
        Path input = Files.write(folder.resolve("corpus.jsonl"), lines);
        Path output = folder.resolve("embedded.parquet");

        EncodeCorpusJob.run(spark, new String[] {input.toString(), output.toString(), model.toString(), "body"});

        List<Row> rows = spark.read().parquet(output.toString()).orderBy("_id").collectAsList();
        assertThat(rows).hasSize(texts.size());
        try (SentenceEncoder encoder = new EncoderLoader().load(model.toString())) {
            float[][] expected = encoder.encode(texts, 32);
            for (Row row : rows) {
                int index = Integer.parseInt(row.<String>getAs("_id").substring(1));
                assertThat(row.<String>getAs("body")).isEqualTo(texts.get(index));
                List<Float> embedding = row.getList(row.fieldIndex("embedding"));
                assertThat(embedding).hasSize(expected[index].length);
                for (int d = 0; d < embedding.size(); d++) {
                    assertThat(embedding.get(d)).isCloseTo(expected[index][d], within(1e-6f));
                }
            }
        }
    }

    private static Dataset<Row> frame(List<String> texts, int partitions) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            rows.add(RowFactory.create(i, texts.get(i)));
        }
        StructType schema = new StructType().add("id", DataTypes.IntegerType, false)
                .add("text", DataTypes.StringType, false);
        return spark.createDataFrame(rows, schema).repartition(partitions).sortWithinPartitions("id");
    }

    /** What {@code c4j encode} (the library's {@link Encoding}) writes for the texts, read back. */
    private static List<float[]> encode(String model, List<String> texts, Prompts prompts, boolean normalize,
            Integer maxSeqLength) throws IOException {
        Path input = Files.createTempFile(folder, "texts", ".txt");
        Files.write(input, texts);
        Path output = Files.createTempFile(folder, "embeddings", ".jsonl");
        Encoding.Builder builder = Encoding.builder().model(model).input(input).output(output).prompts(prompts)
                .normalize(normalize);
        if (maxSeqLength != null) {
            builder.maxSeqLength(maxSeqLength);
        }
        builder.build().run();
        List<float[]> embeddings = new ArrayList<>();
        JsonMapper json = new JsonMapper();
        for (String line : Files.readAllLines(output)) {
            JsonNode values = json.readTree(line).get("embedding");
            float[] embedding = new float[values.size()];
            for (int i = 0; i < embedding.length; i++) {
                embedding[i] = values.get(i).floatValue();
            }
            embeddings.add(embedding);
        }
        return embeddings;
    }

    private static void assertSameEmbeddings(List<Row> rows, List<String> texts, List<float[]> expected) {
        assertThat(rows).hasSize(texts.size());
        for (Row row : rows) {
            int id = row.getInt(0);
            assertThat(row.getString(1)).isEqualTo(texts.get(id));
            List<Float> actual = row.getList(2);
            assertThat(actual).hasSize(expected.get(id).length);
            for (int d = 0; d < actual.size(); d++) {
                assertThat(actual.get(d)).as("text %d, dimension %d", id, d).isCloseTo(expected.get(id)[d],
                        within(1e-6f));
            }
        }
    }

    private static double maxDifference(List<float[]> a, List<float[]> b) {
        double max = 0;
        for (int i = 0; i < a.size(); i++) {
            for (int d = 0; d < a.get(i).length; d++) {
                max = Math.max(max, Math.abs(a.get(i)[d] - b.get(i)[d]));
            }
        }
        return max;
    }
}
