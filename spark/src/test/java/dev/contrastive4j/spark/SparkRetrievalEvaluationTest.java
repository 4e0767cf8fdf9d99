package dev.contrastive4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrastive4j.data.BundledData;
import dev.contrastive4j.encoder.EncoderLoader;
import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.eval.CorpusDocument;
import dev.contrastive4j.eval.BeirReader;
import dev.contrastive4j.eval.InformationRetrievalEvaluator;
import dev.contrastive4j.eval.RetrievalDataset;
import dev.contrastive4j.eval.ScoreFunction;
import dev.contrastive4j.evaluation.EvaluationResult;
import dev.contrastive4j.evaluation.Metrics;
import dev.contrastive4j.prompts.Prompts;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.testkit.TinyEncoders;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
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
 * Spark's retrieval metrics against eval's {@link InformationRetrievalEvaluator} ({@code c4j evaluate --beir}) on
 * the same queries, corpus and judgements: every metric, same name, same value.
 */
class SparkRetrievalEvaluationTest {

    private static SparkSession spark;
    @TempDir
    static Path folder;
    private static Path tinyModel;
    private static Map<String, String> queries;
    private static List<CorpusDocument> corpus;
    /** Judgements with scores: 0 is "judged, not relevant", as BEIR's qrels have it. */
    private static List<Row> judgements;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("SparkRetrievalEvaluationTest");
        tinyModel = TinyEncoders.saveBert(folder.resolve("tiny"), 9);
        Random random = new Random(4);
        queries = new LinkedHashMap<>();
        List<String> queryTexts = LocalSpark.texts(31, 14, "q");
        for (int i = 0; i < queryTexts.size(); i++) {
            queries.put("q" + i, queryTexts.get(i));
        }
        corpus = new ArrayList<>();
        List<String> bodies = LocalSpark.texts(32, 40, "d");
        List<String> titles = LocalSpark.texts(33, 40, "t");
        for (int i = 0; i < bodies.size(); i++) {
            corpus.add(new CorpusDocument("doc-" + i, i % 3 == 0 ? titles.get(i) : "", bodies.get(i)));
        }
        judgements = new ArrayList<>();
        for (int q = 0; q < queryTexts.size() - 1; q++) { // the last query has no judgement: left out
            for (int j = 0; j < 1 + random.nextInt(4); j++) {
                judgements.add(RowFactory.create("q" + q, "doc-" + random.nextInt(bodies.size()),
                        random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(2)));
            }
        }
        judgements.add(RowFactory.create("q2", "no-such-doc", 1)); // a judgement of a document not in the corpus
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void cosineMetricsEqualTheEvaluators() {
        assertSameMetrics(ScoreFunction.COSINE, Prompts.NONE);
    }

    @Test
    void dotProductWithPromptsEqualsTheEvaluator() {
        assertSameMetrics(ScoreFunction.DOT, Prompts.parse("anchor=what : ,positive=the doc : ", "--prompts"));
    }

    @Test
    void bundledBeirFilesReadBySparkScoreAsTheBeirReaderReadsThem() {
        // the files c4j evaluate --beir reads, read by Spark's own JSON and CSV readers; the first 150 of 2,109
        // queries and the first 500 of 3,267 documents, as the rest only adds time
        Path beir = BundledData.wordnetTestRetrieval();
        int queryCount = 150;
        int documentCount = 500;
        RetrievalDataset full = BeirReader.read(beir.resolve("corpus.jsonl.gz"), beir.resolve("queries.jsonl.gz"),
                beir.resolve("qrels.tsv"));
        Map<String, String> firstQueries = new LinkedHashMap<>();
        full.queries().entrySet().stream().limit(queryCount).forEach(q -> firstQueries.put(q.getKey(), q.getValue()));
        EvaluationResult expected;
        try (SentenceEncoder encoder = new EncoderLoader().load(tinyModel.toString())) {
            expected = InformationRetrievalEvaluator.builder(new RetrievalDataset(firstQueries,
                    full.corpus().subList(0, documentCount),
                    full.relevantDocuments())).build().evaluate(texts -> encoder.encode(texts, 32));
        }
        EvaluationResult actual = SparkRetrievalEvaluation.builder().model(SparkModel.named(tinyModel.toString()))
                .corpusBlockSize(200).build()
                .evaluate(spark.read().json(beir.resolve("queries.jsonl.gz").toString()).limit(queryCount),
                        spark.read().json(beir.resolve("corpus.jsonl.gz").toString()).limit(documentCount),
                        spark.read().option("sep", "\t").option("header", true).csv(beir.resolve("qrels.tsv").toString()));

        assertThat(actual).isEqualTo(expected);
        assertThat(expected.metric(Metrics.IR_RECALL_AT_10)).isBetween(0.01, 0.99);
    }

    @Test
    void missingColumnsNoRelevantQueryAndRepeatedIdsAreClearErrors() {
        SparkRetrievalEvaluation evaluation = SparkRetrievalEvaluation.builder()
                .model(SparkModel.named(tinyModel.toString())).build();
        Dataset<Row> noTitleIds = corpusFrame().drop("_id");
        assertThatThrownBy(() -> evaluation.evaluate(queryFrame(), noTitleIds, judgementFrame()))
                .isInstanceOf(ContrastiveException.class)
                .hasMessage("corpus id column '_id' not found: the data set has the columns [title, text]");
        Dataset<Row> nothingRelevant = judgementFrame().filter("score < 0");
        assertThatThrownBy(() -> evaluation.evaluate(queryFrame(), corpusFrame(), nothingRelevant))
                .isInstanceOf(ContrastiveException.class)
                .hasMessage("retrieval evaluation 'ir': expected at least one query with a relevant document, found"
                        + " none among 14 queries");
        Dataset<Row> repeatedDocument = corpusFrame().union(corpusFrame().limit(1));
        assertThatThrownBy(() -> evaluation.evaluate(queryFrame(), repeatedDocument, judgementFrame()))
                .isInstanceOf(ContrastiveException.class)
                .hasMessage("retrieval evaluation 'ir': corpus id 'doc-0' appears more than once");
    }

    private void assertSameMetrics(ScoreFunction scoreFunction, Prompts prompts) {
        Map<String, Set<String>> relevant = new LinkedHashMap<>();
        for (Row judgement : judgements) {
            if (judgement.getInt(2) > 0) {
                relevant.computeIfAbsent(judgement.getString(0), q -> new LinkedHashSet<>()).add(judgement.getString(1));
            }
        }
        EvaluationResult expected;
        try (SentenceEncoder encoder = new EncoderLoader().load(tinyModel.toString())) {
            expected = InformationRetrievalEvaluator.builder(new RetrievalDataset(queries, corpus, relevant))
                    .name("tiny").scoreFunction(scoreFunction).build()
                    .withPrompts(prompts.resolve(encoder.settings().prompts(), true, "--prompts"))
                    .evaluate(texts -> encoder.encode(texts, 32));
        }

        EvaluationResult actual = SparkRetrievalEvaluation.builder()
                .model(SparkModel.named(tinyModel.toString()).withPrompts(prompts)).name("tiny")
                .scoreFunction(scoreFunction).corpusBlockSize(9).queryChunkSize(4).build()
                .evaluate(queryFrame(), corpusFrame(), judgementFrame());

        assertThat(actual.metrics().keySet()).containsExactlyElementsOf(Metrics.INFORMATION_RETRIEVAL);
        assertThat(actual).isEqualTo(expected);
        // not a degenerate case: the ranking puts some relevant documents at the top and misses others
        assertThat(expected.metric(Metrics.IR_MRR_AT_10)).isBetween(0.05, 0.95);
    }

    private static Dataset<Row> queryFrame() {
        List<Row> rows = queries.entrySet().stream().map(q -> RowFactory.create(q.getKey(), q.getValue())).toList();
        return spark.createDataFrame(rows, new StructType().add("_id", DataTypes.StringType, false)
                .add("text", DataTypes.StringType, false)).coalesce(2);
    }

    private static Dataset<Row> corpusFrame() {
        List<Row> rows = corpus.stream().map(d -> RowFactory.create(d.id(), d.title(), d.text())).toList();
        return spark.createDataFrame(rows, new StructType().add("_id", DataTypes.StringType, false)
                .add("title", DataTypes.StringType, false).add("text", DataTypes.StringType, false)).coalesce(3);
    }

    private static Dataset<Row> judgementFrame() {
        return spark.createDataFrame(judgements, new StructType().add("query-id", DataTypes.StringType, false)
                .add("corpus-id", DataTypes.StringType, false).add("score", DataTypes.IntegerType, false));
    }
}
