package dev.contrastive4j.mining;

import dev.contrastive4j.data.ExampleReader;
import dev.contrastive4j.spi.Example;
import dev.contrastive4j.spi.Pair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Small hand-made mining data: 14 anchors with random 6-dimensional vectors, one anchor with two positives, a
 * separate corpus of 30 documents that repeats one positive and one anchor text exactly, and a document whose
 * vector equals a positive's under another text (a near duplicate, which may be a negative).
 */
final class MiningFixture {

    static final int DIMENSION = 6;

    final GivenVectors vectors = new GivenVectors();
    final List<Pair> rows = new ArrayList<>();
    final List<String> corpus = new ArrayList<>();

    MiningFixture(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 14; i++) {
            vectors.with("anchor " + i, vector(random));
            // positives lean towards their anchor, so that margins have something to measure
            float[] anchor = vectors.vectors.get("anchor " + i);
            float[] positive = vector(random);
            for (int d = 0; d < DIMENSION; d++) {
                positive[d] = 0.6f * anchor[d] + 0.4f * positive[d];
            }
            vectors.with("positive " + i, positive);
            rows.add(new Pair("anchor " + i, "positive " + i));
        }
        vectors.with("second positive of 3", vector(random));
        rows.add(new Pair("anchor 3", "second positive of 3"));
        for (int i = 0; i < 30; i++) {
            vectors.with("document " + i, vector(random));
            corpus.add("document " + i);
        }
        corpus.add("positive 2");
        corpus.add("anchor 5");
        vectors.with("near duplicate of positive 7", vectors.vectors.get("positive 7"));
        corpus.add("near duplicate of positive 7");
    }

    MiningData data() {
        return new MiningData(rows, Optional.of(corpus), "fixture");
    }

    MiningData dataWithoutCorpus() {
        return new MiningData(rows, Optional.empty(), "fixture");
    }

    private static float[] vector(Random random) {
        float[] v = new float[DIMENSION];
        for (int d = 0; d < DIMENSION; d++) {
            v[d] = (float) random.nextGaussian();
        }
        return v;
    }

    static List<Example> readBack(Path file) {
        try (ExampleReader reader = ExampleReader.open(file)) {
            return reader.stream().toList();
        }
    }
}
