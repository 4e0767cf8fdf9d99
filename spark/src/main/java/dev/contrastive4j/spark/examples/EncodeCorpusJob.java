package dev.contrastive4j.spark.examples;

import dev.contrastive4j.spark.SparkEncoding;
import dev.contrastive4j.spark.SparkModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An example job for {@code spark-submit}: embeds the texts of a file and writes them, with their embeddings, as
 * Parquet. See {@code spark/README.md} for the command line.
 *
 * <pre>
 * EncodeCorpusJob INPUT OUTPUT [MODEL] [COLUMN]
 *   INPUT   a JSON Lines file or folder (text under COLUMN, default "text"), or a plain text file (one text a line)
 *   OUTPUT  the Parquet folder to write (replaced)
 *   MODEL   minilm (default), bge-small, a model folder on the driver (shipped to the executors with the job),
 *           or a path every executor can read (a shared file system), given as shared:PATH
 * </pre>
 */
public final class EncodeCorpusJob {

    private static final Logger LOG = LoggerFactory.getLogger(EncodeCorpusJob.class);
    private static final String SHARED_PREFIX = "shared:";

    private EncodeCorpusJob() {
    }

    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().appName("contrastive4j encode").getOrCreate();
        try {
            run(spark, args);
        } finally {
            spark.stop();
        }
    }

    /** The job on a running session (tests run it on theirs). */
    public static void run(SparkSession spark, String[] args) {
        if (args.length < 2 || args.length > 4) {
            throw new IllegalArgumentException("usage: EncodeCorpusJob INPUT OUTPUT [MODEL] [COLUMN]");
        }
        String input = args[0];
        String output = args[1];
        String model = args.length > 2 ? args[2] : "minilm";
        String column = args.length > 3 ? args[3] : SparkEncoding.DEFAULT_INPUT_COLUMN;
        Dataset<Row> texts = input.toLowerCase(Locale.ROOT).matches(".*\\.jsonl(\\.gz)?$")
                || Files.isDirectory(Path.of(input))
                ? spark.read().json(input)
                : spark.read().text(input).withColumnRenamed("value", column);
        SparkModel sparkModel = model.startsWith(SHARED_PREFIX)
                ? SparkModel.named(model.substring(SHARED_PREFIX.length()))
                : Files.isDirectory(Path.of(model)) ? SparkModel.ship(spark, Path.of(model)) : SparkModel.named(model);
        long start = System.nanoTime();
        SparkEncoding.builder().model(sparkModel).inputColumn(column).build().transform(texts)
                .write().mode("overwrite").parquet(output);
        LOG.info("embedded {} with {} into {} in {} s", input, sparkModel, output,
                String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
    }
}
