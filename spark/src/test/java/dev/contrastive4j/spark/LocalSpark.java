package dev.contrastive4j.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.SparkSession;

/** A small local Spark for tests ({@code local[2]}, no UI, few shuffle partitions), and texts to embed. */
final class LocalSpark {

    private static final String[] WORDS = ("the an is are was of to and in on with for it this that cat dog bird fish"
            + " sat ran sleeps eats runs mat house tree red blue big small quick brown fox jumps over lazy sun moon day"
            + " night good bad happy sad").split(" ");

    private LocalSpark() {
    }

    /** A session for one test class; stop it in {@code @AfterAll}. */
    static SparkSession start(String name) {
        return SparkSession.builder()
                .master("local[2]")
                .appName(name)
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "3")
                .config("spark.default.parallelism", "3")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
    }

    /**
     * {@code count} distinct texts of 1 to 12 words from the tiny model's vocabulary, with a made-up word (spelled
     * with its letter pieces) in each, so that no two tokenise alike.
     */
    static List<String> texts(long seed, int count, String prefix) {
        Random random = new Random(seed);
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder(prefix).append(letters(i));
            int words = 1 + random.nextInt(12);
            for (int w = 0; w < words; w++) {
                text.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
            }
            texts.add(text.toString());
        }
        return texts;
    }

    /** {@code i} written in base 26 with the letters a to z ("b", "c", …, "ba", …). */
    private static String letters(int i) {
        StringBuilder word = new StringBuilder();
        int rest = i;
        do {
            word.insert(0, (char) ('a' + rest % 26));
            rest /= 26;
        } while (rest > 0);
        return word.toString();
    }
}
