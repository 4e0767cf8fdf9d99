package dev.contrastive4j.spark;

import dev.contrastive4j.encoder.EncoderLoader;
import dev.contrastive4j.prompts.Prompts;
import dev.contrastive4j.spi.ContrastiveException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalInt;
import org.apache.spark.SparkFiles;
import org.apache.spark.sql.SparkSession;

/**
 * Which model the executors load, and how: a bundled model name ({@code minilm}, {@code bge-small}), a path every
 * executor can read (a shared file system), or a model folder shipped with the job ({@link #ship}: Spark copies it
 * to each executor, which finds it with {@link SparkFiles#get}); with {@code c4j encode}'s token limit and prompts.
 * Serialisable: it travels inside the job's closures, and each executor loads the model once
 * ({@link ExecutorModels}).
 *
 * <pre>{@code
 * SparkModel bundled = SparkModel.named("minilm");
 * SparkModel mine = SparkModel.ship(spark, Path.of("runs/x/final")).withMaxSeqLength(128);
 * }</pre>
 */
public final class SparkModel implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Where the executors find the model. */
    enum Source {
        /** A bundled model's name, or a path that every executor can read. */
        NAME_OR_PATH,
        /** The name of a folder added with {@code SparkContext.addFile(folder, true)}. */
        SPARK_FILE
    }

    private final Source source;
    private final String location;
    private final Integer maxSeqLength;
    private final String prompts;

    private SparkModel(Source source, String location, Integer maxSeqLength, String prompts) {
        this.source = source;
        this.location = location;
        this.maxSeqLength = maxSeqLength;
        this.prompts = prompts;
    }

    /**
     * A bundled model ({@code minilm}, {@code bge-small}) or a model folder or {@code .onnx} file at a path that the
     * driver and every executor can read.
     *
     * @throws ContrastiveException if it is neither a bundled name nor an existing path on the driver
     */
    public static SparkModel named(String nameOrPath) {
        Objects.requireNonNull(nameOrPath, "model");
        if (EncoderLoader.bundledName(nameOrPath).isEmpty() && (nameOrPath.isBlank()
                || !Files.exists(Path.of(nameOrPath)))) {
            throw new ContrastiveException("model '" + nameOrPath + "': expected '" + EncoderLoader.MINILM + "', '"
                    + EncoderLoader.BGE_SMALL + "' or the path of a model folder or .onnx file that every executor"
                    + " can read, found no such file or folder on the driver (to send a local folder with the job,"
                    + " use SparkModel.ship)");
        }
        return new SparkModel(Source.NAME_OR_PATH, nameOrPath, null, null);
    }

    /**
     * Ships a local model folder with the job ({@code SparkContext.addFile(folder, true)}): every executor gets a
     * copy and loads it from there.
     *
     * @throws ContrastiveException if {@code folder} is not a folder
     */
    public static SparkModel ship(SparkSession spark, Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new ContrastiveException("model " + folder + ": expected a model folder to ship to the executors,"
                    + " found " + (Files.exists(folder) ? "a file" : "nothing there"));
        }
        Path absolute = folder.toAbsolutePath().normalize();
        spark.sparkContext().addFile(absolute.toString(), true);
        return new SparkModel(Source.SPARK_FILE, absolute.getFileName().toString(), null, null);
    }

    /** This model truncating texts to {@code tokens} tokens instead of its own limit ({@code --max-seq-length}). */
    public SparkModel withMaxSeqLength(int tokens) {
        EncoderLoader.tokenLimit(tokens);
        return new SparkModel(source, location, tokens, prompts);
    }

    /**
     * This model with prompts ({@code --prompts}); none (the default) applies the model's default prompt.
     *
     * @throws ContrastiveException in the unlikely case that the prompts cannot be written as a specification that
     *     reads back the same (the form in which they travel to the executors)
     */
    public SparkModel withPrompts(Prompts value) {
        if (value.isEmpty()) {
            return new SparkModel(source, location, maxSeqLength, null);
        }
        // "all=" keeps a single prompt that itself looks like "role=…" a single prompt
        String spec = value.isSingle() ? Prompts.ALL + "=" + value : value.toString();
        if (!Prompts.parse(spec, "--prompts").equals(value)) {
            throw new ContrastiveException("--prompts '" + value + "' do not read back the same from their"
                    + " specification '" + spec + "', the form in which they are sent to the executors");
        }
        return new SparkModel(source, location, maxSeqLength, spec);
    }

    /** The prompts asked for; {@link Prompts#NONE} when none. */
    public Prompts prompts() {
        return prompts == null ? Prompts.NONE : Prompts.parse(prompts, "--prompts");
    }

    /** The token limit asked for, or empty for the model's own. */
    public OptionalInt maxSeqLength() {
        return maxSeqLength == null ? OptionalInt.empty() : OptionalInt.of(maxSeqLength);
    }

    /** What {@link EncoderLoader#load} is given on this JVM: the name or path, or the shipped folder's local copy. */
    String resolveLocally() {
        return source == Source.SPARK_FILE ? SparkFiles.get(location) : location;
    }

    /** Identifies the loaded encoder in a JVM's cache: same source, location and token limit, same weights. */
    String cacheKey() {
        return source + ":" + location + ":" + (maxSeqLength == null ? "" : maxSeqLength);
    }

    @Override
    public String toString() {
        return (source == Source.SPARK_FILE ? "shipped folder " : "") + location
                + (maxSeqLength == null ? "" : " (max " + maxSeqLength + " tokens)")
                + (prompts == null ? "" : " (prompts '" + prompts + "')");
    }
}
