package dev.contrastive4j.converters;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.contrastive4j.data.ExampleReader;
import dev.contrastive4j.engine.PyTorchRuntime;
import dev.contrastive4j.spi.Batch;
import dev.contrastive4j.spi.EmbeddedBatch;
import dev.contrastive4j.spi.Example;
import dev.contrastive4j.spi.ScoredPair;
import dev.contrastive4j.spi.Triplet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mined n-tuples ({@code negative_1 … negative_3}) read from a file become {@code (q, p, 1)} and {@code (q, nᵢ, 0)}
 * for each i, as texts and as embedded columns, in the same order.
 */
class ThreeNegativesToScoredPairsTest {

    @TempDir
    Path dir;

    private final TripletToScoredPairs converter = new TripletToScoredPairs(1.0, 0.0);

    @Test
    void aMinedNTupleBecomesOnePositivePairAndOneNegativePairPerNegative() throws IOException {
        Path mined = Files.writeString(dir.resolve("mined.jsonl"),
                "{\"anchor\": \"q0\", \"positive\": \"p0\", \"negative_1\": \"a\", \"negative_2\": \"b\", \"negative_3\": \"c\"}\n"
                + "{\"anchor\": \"q1\", \"positive\": \"p1\", \"negative_1\": \"d\", \"negative_2\": \"e\", \"negative_3\": \"f\"}\n");
        List<Example> rows;
        try (ExampleReader reader = ExampleReader.open(mined)) {
            rows = reader.stream().toList();
        }
        assertThat(rows).containsExactly(new Triplet("q0", "p0", List.of("a", "b", "c")),
                new Triplet("q1", "p1", List.of("d", "e", "f")));

        assertThat(converter.convert(rows.get(0))).containsExactly(
                new ScoredPair("q0", "p0", 1.0), new ScoredPair("q0", "a", 0.0), new ScoredPair("q0", "b", 0.0),
                new ScoredPair("q0", "c", 0.0));

        try (NDManager manager = PyTorchRuntime.engine().newBaseManager()) {
            EmbeddedBatch converted = converter.convert(FakeEmbeddings.embed(Batch.of(rows), manager));
            assertThat(converted.size()).isEqualTo(8);
            float[] scores = converted.scores().toFloatArray();
            String[] sentence1 = {"q0", "q0", "q0", "q0", "q1", "q1", "q1", "q1"};
            String[] sentence2 = {"p0", "a", "b", "c", "p1", "d", "e", "f"};
            for (int i = 0; i < 8; i++) {
                assertThat(FakeEmbeddings.row(converted.column(0), i)).containsExactly(FakeEmbeddings.of(sentence1[i]));
                assertThat(FakeEmbeddings.row(converted.column(1), i)).containsExactly(FakeEmbeddings.of(sentence2[i]));
                assertThat(scores[i]).as("score of row %d", i).isEqualTo(i % 4 == 0 ? 1f : 0f);
            }
        }
    }
}
