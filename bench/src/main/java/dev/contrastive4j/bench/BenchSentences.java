package dev.contrastive4j.bench;

import dev.contrastive4j.data.ExampleReader;
import dev.contrastive4j.encoder.SentenceEncoder;
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
 * evenly spaced positions, so that they come from the whole file rather than from its first senses; or, for
 * benchmarks at a given text length, all of them joined into texts of that many tokens.
 */
final class BenchSentences {

    private BenchSentences() {
    }

    /** {@code count} sentences from the first two texts of every example in {@code file}. */
    static List<String> evenlySpaced(Path file, int count) {
        List<String> all = distinct(file);
        if (all.size() < count) {
            throw new ContrastiveException(file + ": expected at least " + count + " distinct anchors and positives,"
                    + " found " + all.size());
        }
        List<String> chosen = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            chosen.add(all.get((int) ((long) i * all.size() / count)));
        }
        return chosen;
    }

    /**
     * {@code count} texts of {@code encoder}'s token limit, each the file's distinct anchors and positives joined
     * in file order (see {@link LongTexts}).
     */
    static List<String> lengthened(Path file, int count, SentenceEncoder encoder) {
        List<String> all = distinct(file);
        return LongTexts.join(all, count, encoder, () -> new ContrastiveException(file + ": its " + all.size()
                + " distinct anchors and positives make fewer than " + count + " texts of "
                + encoder.settings().maxSeqLength() + " tokens: ask for fewer"));
    }

    /** The distinct first two texts of every example in {@code file}, in file order. */
    private static List<String> distinct(Path file) {
        Set<String> distinct = new LinkedHashSet<>();
        try (ExampleReader reader = ExampleReader.open(file)) {
            while (reader.hasNext()) {
                Example example = reader.next();
                distinct.addAll(example.texts().subList(0, 2));
            }
        }
        return new ArrayList<>(distinct);
    }
}
