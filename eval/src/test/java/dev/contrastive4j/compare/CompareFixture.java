package dev.contrastive4j.compare;

import dev.contrastive4j.encoder.SentenceEncoder;
import dev.contrastive4j.encoder.TinyBert;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A tiny random BERT saved as a model folder, and small triplet files, for comparisons that take seconds. */
public record CompareFixture(Path model, Path train, Path test) {

    private static final String[] WORDS = {"the", "cat", "sat", "on", "mat", "dog", "ran", "a", "big", "red"};

    /** 24 training triplets (3 batches of 8) and 12 test triplets, all texts distinct. */
    public static CompareFixture create(Path folder) throws IOException {
        Path model = folder.resolve("tiny-model");
        try (SentenceEncoder tiny = TinyBert.create(1)) {
            tiny.save(model);
        }
        return new CompareFixture(model, triplets(folder.resolve("train.jsonl"), 24, 0),
                triplets(folder.resolve("test.jsonl"), 12, 1000));
    }

    private static Path triplets(Path file, int rows, int offset) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            int n = i + offset;
            lines.add(String.format("{\"anchor\": \"%s %s %d\", \"positive\": \"%s %s %d\", \"negative\": \"%s %d\"}",
                    WORDS[i % 10], WORDS[(i + 1) % 10], n + 50, WORDS[(i + 2) % 10], WORDS[(i * 3) % 10], n,
                    WORDS[(i + 5) % 10], n + 100));
        }
        return Files.write(file, lines, StandardCharsets.UTF_8);
    }
}
