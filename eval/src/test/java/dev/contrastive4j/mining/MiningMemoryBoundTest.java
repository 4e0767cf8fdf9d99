package dev.contrastive4j.mining;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive4j.spi.Pair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-anchor memory is one block: the embedder never sees more than a chunk of texts, the search's score block
 * never exceeds {@value HardNegativeMiner#QUERY_CHUNK} × {@value HardNegativeMiner#CORPUS_CHUNK}, and the
 * listener hears of every block.
 */
class MiningMemoryBoundTest {

    @TempDir
    Path dir;

    @Test
    void scoreBlocksAndEmbedderCallsStayWithinOneBlock() {
        Random random = new Random(3);
        GivenVectors vectors = new GivenVectors();
        List<Pair> rows = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            vectors.with("q" + i, random.nextFloat(), random.nextFloat(), random.nextFloat());
            vectors.with("p" + i, random.nextFloat(), random.nextFloat(), random.nextFloat());
            rows.add(new Pair("q" + i, "p" + i));
        }
        List<String> corpus = new ArrayList<>();
        for (int i = 0; i < 9000; i++) {
            vectors.with("d" + i, random.nextFloat(), random.nextFloat(), random.nextFloat());
            corpus.add("d" + i);
        }
        List<long[]> blocks = new ArrayList<>();
        List<int[]> progress = new ArrayList<>();
        MiningOptions options = MiningOptions.builder().numNegatives(2).anchorBlockSize(300)
                .embeddingChunkSize(500).build();
        MiningResult result = new HardNegativeMiner(options, (r, c) -> blocks.add(new long[] {r, c}))
                .mine(new MiningData(rows, Optional.of(corpus), "big"), vectors, dir.resolve("out.jsonl"),
                        new MiningListener() {
                            @Override
                            public void anchorsMined(int done, int total) {
                                progress.add(new int[] {done, total});
                            }
                        });
        assertThat(result.rowsWritten()).isEqualTo(700);
        assertThat(vectors.largestCall).isEqualTo(500);
        assertThat(blocks).isNotEmpty().allSatisfy(b -> assertThat(b[0] * b[1])
                .isLessThanOrEqualTo((long) HardNegativeMiner.QUERY_CHUNK * HardNegativeMiner.CORPUS_CHUNK));
        assertThat(progress).extracting(p -> p[0]).containsExactly(300, 600, 700);
    }
}
