package dev.contrastive4j.cli;

import dev.contrastive4j.data.ExampleReader;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.Example;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Real sentences for benchmarks, chosen the same way on every run: the distinct anchors and positives (WordNet
 * usage examples and definitions) of a training split, in file order, of which {@code count} are taken at
 * evenly spaced positions, so that they come from the whole file rather than from its first senses.
 */
final class BenchSentences {

    private BenchSentences() {
    }

    /** {@code count} sentences from the first two texts of every example in {@code file}. */
    static List<String> evenlySpaced(Path file, int count) {
        Set<String> distinct = new LinkedHashSet<>();
        try (ExampleReader reader = ExampleReader.open(file)) {
            while (reader.hasNext()) {
                Example example = reader.next();
                distinct.addAll(example.texts().subList(0, 2));
            }
        }
        if (distinct.size() < count) {
            throw new ContrastiveException(file + ": expected at least " + count + " distinct anchors and positives,"
                    + " found " + distinct.size());
        }
        List<String> all = new ArrayList<>(distinct);
        List<String> chosen = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            chosen.add(all.get((int) ((long) i * all.size() / count)));
        }
        return chosen;
    }
}
