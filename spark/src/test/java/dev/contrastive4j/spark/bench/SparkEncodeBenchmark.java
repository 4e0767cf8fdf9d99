package dev.contrastive4j.spark.bench;

import dev.contrastive4j.data.BundledData;
import dev.contrastive4j.data.ExampleReader;
import dev.contrastive4j.spark.SparkEncoding;
import dev.contrastive4j.spark.SparkModel;
import dev.contrastive4j.spi.Example;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * How fast Spark {@code local[2]} embeds N texts, to set beside {@code c4j encode} on the same texts and machine
 * (the engine's overhead), and what that rate means for a cluster. Not a test: run it on an idle machine with
 * {@code scripts/bench/spark_encode.sh} (see {@code spark/README.md}).
 *
 * <p>The texts are the bundled WordNet training split's texts (anchor, positive, negatives of each row, in file
 * order, repeats kept), the first N of them, cycling if N is larger. They are written to a text file, one per
 * line, for the {@code c4j encode} side; the command for it is printed.
 *
 * <pre>SparkEncodeBenchmark [N=100000] [MODEL=minilm] [PARTITIONS=4] [TEXTS_FILE=target/spark-bench-texts.txt]</pre>
 */
public final class SparkEncodeBenchmark {

    private SparkEncodeBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        String model = args.length > 1 ? args[1] : "minilm";
        int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        Path textsFile = Path.of(args.length > 3 ? args[3] : "target/spark-bench-texts.txt").toAbsolutePath();
        List<String> texts = wordnetTexts(count);
        Files.createDirectories(textsFile.getParent());
        Files.write(textsFile, texts);

        SparkSession spark = SparkSession.builder().master("local[2]").appName("spark-encode-benchmark")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            SparkEncoding encoding = SparkEncoding.builder().model(SparkModel.named(model)).build();
            Dataset<Row> input = spark.createDataset(texts, Encoders.STRING()).toDF("text").repartition(partitions)
                    .cache();
            input.count();
            // The first job loads the model into the JVM; its time is reported apart from the throughput.
            long loadStart = System.nanoTime();
            encoding.transform(input.limit(8)).count();
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            long start = System.nanoTime();
            long embedded = encoding.transform(input).selectExpr("size(embedding) AS d").filter("d > 0").count();
            double seconds = (System.nanoTime() - start) / 1e9;
            double rate = embedded / seconds;
            print("texts: %,d (bundled WordNet training texts), model %s, Spark local[2], %d partitions", embedded,
                    model, partitions);
            print("first job (model load + 8 texts): %.1f s", loadSeconds);
            print("embedding: %.1f s, %.1f texts/s", seconds, rate);
            print("10,000,000 passages on 50 executors like this one (2 cores each), at this rate: about %.0f min"
                    + " (WordNet texts are short; scale by the measured rate on your own passages)",
                    10_000_000 / (50 * rate) / 60);
            print("the c4j encode side on the same texts and machine:%n  /usr/bin/time -v ./c4j encode --model %s"
                    + " --input %s --output /tmp/spark-bench-embeddings.npy", model, textsFile);
        } finally {
            spark.stop();
        }
    }

    private static List<String> wordnetTexts(int count) {
        List<String> all = new ArrayList<>();
        try (ExampleReader reader = ExampleReader.open(BundledData.wordnetTrain())) {
            while (reader.hasNext()) {
                Example example = reader.next();
                all.addAll(example.texts());
            }
        }
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            texts.add(all.get(i % all.size()));
        }
        return texts;
    }

    private static void print(String format, Object... values) {
        System.out.println(String.format(Locale.ROOT, format, values));
    }
}
