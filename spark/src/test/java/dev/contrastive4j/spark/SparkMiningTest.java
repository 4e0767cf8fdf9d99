package dev.contrastive4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.contrastive4j.encoder.EncoderLoader;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.mining.HardNegativeMiner;
import dev.contrastive4j.mining.MiningData;
import dev.contrastive4j.mining.MiningListener;
import dev.contrastive4j.mining.MiningOptions;
import dev.contrastive4j.mining.MiningOutputFormat;
import dev.contrastive4j.mining.SamplingStrategy;
import dev.contrastive4j.prompts.Prompts;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.Pair;
import dev.contrastive4j.testkit.TinyEncoders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

/**
 * Spark's mining against eval's {@link HardNegativeMiner} (what {@code c4j mine} runs) on the same data with the
 * same options: the rows written must be the same, in the same order. Small corpus blocks and anchor chunks make
 * the search merge several partial lists per anchor.
 */
class SparkMiningTest {

    private static SparkSession spark;
    @TempDir
    static Path folder;
    private static Path tinyModel;
    private static List<Pair> rows;
    private static List<String> corpus;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("SparkMiningTest");
        tinyModel = TinyEncoders.saveBert(folder.resolve("tiny"), 5);
        List<String> anchors = LocalSpark.texts(21, 16, "a");
        List<String> positives = LocalSpark.texts(22, 17, "p");
        rows = new ArrayList<>();
        for (int i = 0; i < anchors.size(); i++) {
            rows.add(new Pair(anchors.get(i), positives.get(i)));
        }
        rows.add(new Pair(anchors.get(3), positives.get(16))); // an anchor with two positives, rows apart
        rows.add(new Pair(anchors.get(7), positives.get(2))); // a positive shared by two anchors
        corpus = new ArrayList<>(LocalSpark.texts(23, 30, "d"));
        corpus.add(positives.get(5)); // a positive repeated in the corpus
        corpus.add(anchors.get(9)); // an anchor's own text in the corpus: never its own negative
        corpus.add(corpus.get(0)); // a repeated document
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void topNegativesWithSeparateCorpusEqualTheMiner() throws IOException {
        MiningOptions options = MiningOptions.builder().numNegatives(3).rangeMax(12).build();
        assertSameAsMiner(options, true, Prompts.NONE);
    }

    @Test
    void randomSampledNegativesWithBoundsAsPairsEqualTheMiner() throws IOException {
        MiningOptions options = MiningOptions.builder().numNegatives(4).rangeMin(1).maxScore(0.98)
                .relativeMargin(0.01).sampling(SamplingStrategy.RANDOM).seed(7)
                .outputFormat(MiningOutputFormat.PAIRS).build();
        List<Map<String, Object>> minersRows = assertSameAsMiner(options, true, Prompts.NONE);
        // negative control: another seed samples other negatives, and the comparison sees it
        MiningOptions otherSeed = MiningOptions.builder().numNegatives(4).rangeMin(1).maxScore(0.98)
                .relativeMargin(0.01).sampling(SamplingStrategy.RANDOM).seed(8)
                .outputFormat(MiningOutputFormat.PAIRS).build();
        assertThat(sparkRows(otherSeed, true, Prompts.NONE)).isNotEqualTo(minersRows);
    }

    @Test
    void promptedMiningWithoutSeparateCorpusEqualsTheMiner() throws IOException {
        MiningOptions options = MiningOptions.builder().numNegatives(2).absoluteMargin(0.0)
                .sampling(SamplingStrategy.RANDOM).seed(3).build();
        assertSameAsMiner(options, false, Prompts.parse("anchor=the cat : ,positive=a dog : ", "--prompts"));
    }

    @Test
    void missingColumnTooWideWindowAndEmptyCorpusAreClearErrors() {
        SparkMining mining = SparkMining.builder().model(SparkModel.named(tinyModel.toString()))
                .anchorColumn("query").build();
        assertThatThrownBy(() -> mining.mine(pairs())).isInstanceOf(ContrastiveException.class)
                .hasMessage("anchor column 'query' not found: the data set has the columns [anchor, positive]");
        SparkMining tooWide = SparkMining.builder().model(SparkModel.named(tinyModel.toString()))
                .options(MiningOptions.builder().rangeMax(500).build()).build();
        assertThatThrownBy(() -> tooWide.mine(pairs())).isInstanceOf(ContrastiveException.class)
                .hasMessageStartingWith("--range-max 500 is larger than the corpus, which holds 17 distinct documents");
        SparkMining plain = SparkMining.builder().model(SparkModel.named(tinyModel.toString())).build();
        assertThatThrownBy(() -> plain.mine(pairs(), corpusFrame().limit(0))).isInstanceOf(ContrastiveException.class)
                .hasMessageStartingWith("the corpus is empty: give a data set with at least one document");
    }

    /** Checks that Spark writes the miner's rows, and returns them. */
    private List<Map<String, Object>> assertSameAsMiner(MiningOptions options, boolean withCorpus, Prompts prompts)
            throws IOException {
        Path output = Files.createTempFile(folder, "mined", ".jsonl");
        try (SentenceEncoder encoder = new EncoderLoader().load(tinyModel.toString())) {
            MiningData data = new MiningData(rows, withCorpus ? Optional.of(corpus) : Optional.empty(), "pairs");
            new HardNegativeMiner(options).mine(data, texts -> encoder.encode(texts, 32),
                    prompts.resolve(encoder.settings().prompts(), true, "--prompts"), output, MiningListener.NONE);
        }
        List<Map<String, Object>> expected = readJsonl(output);
        List<Map<String, Object>> actual = sparkRows(options, withCorpus, prompts);
        assertThat(expected).hasSizeGreaterThan(rows.size() / 2);
        assertThat(actual).containsExactlyElementsOf(expected);
        return expected;
    }

    private List<Map<String, Object>> sparkRows(MiningOptions options, boolean withCorpus, Prompts prompts) {
        SparkMining mining = SparkMining.builder().model(SparkModel.named(tinyModel.toString()).withPrompts(prompts))
                .options(options).corpusBlockSize(7).anchorChunkSize(3).build();
        Dataset<Row> mined = mining.mine(pairs(), withCorpus ? corpusFrame() : null);
        List<Map<String, Object>> actual = new ArrayList<>();
        for (Row row : mined.collectAsList()) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 0; i < row.length(); i++) {
                values.put(mined.columns()[i], row.get(i));
            }
            actual.add(values);
        }
        return actual;
    }

    private static List<Map<String, Object>> readJsonl(Path file) throws IOException {
        JsonMapper json = new JsonMapper();
        List<Map<String, Object>> rowsRead = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            Map<String, Object> values = new LinkedHashMap<>();
            json.readTree(line).properties().forEach(field -> values.put(field.getKey(), value(field.getValue())));
            rowsRead.add(values);
        }
        return rowsRead;
    }

    private static Object value(JsonNode node) {
        return node.isNumber() ? (Object) node.doubleValue() : node.textValue();
    }

    /** Spread over three partitions, in input order (partition by partition). */
    private static Dataset<Row> pairs() {
        List<Row> values = rows.stream().map(row -> RowFactory.create(row.anchor(), row.positive())).toList();
        StructType schema = new StructType().add("anchor", DataTypes.StringType, false)
                .add("positive", DataTypes.StringType, false);
        return spark.createDataFrame(values, schema).coalesce(3);
    }

    private static Dataset<Row> corpusFrame() {
        List<Row> values = corpus.stream().map(RowFactory::create).toList();
        return spark.createDataFrame(values, new StructType().add("text", DataTypes.StringType, false));
    }
}
