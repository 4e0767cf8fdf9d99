package dev.contrastive4j.data;

import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.Example;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;

/**
 * Conveniences over {@link ExampleReader} and {@link ExampleWriter} for whole files.
 *
 * <p>For training over a large file, {@link #scan} it once (to count its rows and find bad ones early),
 * then {@link ExampleReader#open open} it again for each pass: reopening is cheap and keeps memory flat.
 */
public final class Datasets {

    private Datasets() {
    }

    /**
     * Reads every example of a file into memory: for small files (tests, evaluation sets). Bad rows that
     * the options skip are logged as a warning.
     *
     * @throws DataFormatException as {@link ExampleReader} does
     */
    public static List<Example> readAll(Path file, ReadOptions options) {
        try (ExampleReader reader = ExampleReader.open(file, options)) {
            List<Example> examples = new ArrayList<>();
            reader.forEachRemaining(examples::add);
            return examples;
        }
    }

    /**
     * Reads a whole file without keeping its examples, and reports how many it holds and which rows are
     * bad: what the next {@link ExampleReader} with the same options will deliver.
     *
     * @throws DataFormatException as {@link ExampleReader} does
     */
    public static ReadReport scan(Path file, ReadOptions options) {
        try (ExampleReader reader = ExampleReader.open(file, options)) {
            while (reader.hasNext()) {
                reader.next();
            }
            return reader.report();
        }
    }

    /**
     * Writes examples to a file whose syntax its name tells, all or nothing: if writing or the iteration
     * fails (for instance a reader being converted hits a bad row), the target is left as it was.
     *
     * @return the number of examples written
     */
    public static long write(Path file, Iterable<? extends Example> examples) {
        ExampleWriter writer = ExampleWriter.create(file);
        try {
            for (Example example : examples) {
                writer.write(example);
            }
        } catch (RuntimeException | Error e) {
            writer.abort();
            throw e;
        }
        writer.close();
        return writer.rowsWritten();
    }

    /**
     * A seeded random subset of {@code size} rows, kept in file order; all rows when no size is given or the
     * size is not smaller than the data. The same rows, seed and size always give the same subset.
     *
     * @throws ContrastiveException if {@code size} is below 1
     */
    public static <T> List<T> seededSubset(List<T> rows, OptionalInt size, long seed) {
        if (size.isEmpty() || size.getAsInt() >= rows.size()) {
            return rows;
        }
        if (size.getAsInt() < 1) {
            throw new ContrastiveException("--train-size must be >= 1, got " + size.getAsInt());
        }
        List<Integer> indices = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            indices.add(i);
        }
        Collections.shuffle(indices, new Random(seed));
        List<Integer> chosen = new ArrayList<>(indices.subList(0, size.getAsInt()));
        Collections.sort(chosen);
        return chosen.stream().map(rows::get).toList();
    }
}
