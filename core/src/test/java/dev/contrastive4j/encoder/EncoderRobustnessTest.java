package dev.contrastive4j.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Inputs at the edges of what {@link SentenceEncoder#encode} meets in practice: texts that tokenise to nothing
 * but {@code [CLS]} and {@code [SEP]}, and several threads encoding with one loaded model at once.
 */
class EncoderRobustnessTest {

    private static final long CLS = 2;
    private static final long SEP = 3;

    private static SentenceEncoder tiny;

    @BeforeAll
    static void createModel() {
        tiny = TinyBert.create(1);
    }

    @AfterAll
    static void closeModel() {
        tiny.close();
    }

    @Test
    void textsWithNoTokensEmbedToFiniteUnitVectors() {
        // Empty, white space only, control characters only: the tokenizer keeps nothing between [CLS] and [SEP].
        List<String> empty = List.of("", " ", "\t\n", "\u0000\u0001");
        assertThat(tiny.tokenize(empty)).allSatisfy(ids -> assertThat(ids).containsExactly(CLS, SEP));

        float[][] embeddings = tiny.encode(empty, 2);

        for (float[] embedding : embeddings) {
            double squares = 0;
            for (float value : embedding) {
                assertThat(Float.isFinite(value)).as("every component is finite").isTrue();
                squares += value * value;
            }
            assertThat(Math.sqrt(squares)).as("normalised").isCloseTo(1.0, within(1e-5));
        }
        // Nothing but [CLS] and [SEP] is one and the same input, whatever the text was.
        assertThat(embeddings[1]).containsExactly(embeddings[0]);
        assertThat(embeddings[3]).containsExactly(embeddings[0]);
    }

    @Test
    void anEmptyTextInABatchDoesNotDisturbTheOthers() {
        List<String> texts = List.of("the cat sat on the mat", "", "a big red dog");

        float[][] together = tiny.encode(texts, 3);

        assertThat(together[0]).containsExactly(tiny.encode(List.of(texts.get(0)), 1)[0], within(1e-6f));
        assertThat(together[2]).containsExactly(tiny.encode(List.of(texts.get(2)), 1)[0], within(1e-6f));
    }

    /**
     * {@code encode} may be called from several threads at once: each call works in its own sub-manager of the
     * model's manager (DJL's managers are concurrent maps), the blocks keep no state between calls, PyTorch's
     * grad mode is per thread, and the Hugging Face tokenizer encodes through an immutable native tokenizer.
     */
    @Test
    void fourThreadsEncodingAtOnceGetTheVectorsOfSerialCalls() throws Exception {
        List<List<String>> inputs = new ArrayList<>();
        String[] words = {"the", "cat", "sat", "on", "mat", "dog", "ran", "a", "big", "red"};
        for (int thread = 0; thread < 4; thread++) {
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                StringBuilder text = new StringBuilder();
                for (int w = 0; w <= (i * 7 + thread) % 12; w++) {
                    text.append(words[(i + w * 3 + thread) % words.length]).append(' ');
                }
                texts.add(text.toString().strip());
            }
            inputs.add(texts);
        }
        List<float[][]> serial = new ArrayList<>();
        for (List<String> texts : inputs) {
            serial.add(tiny.encode(texts, 8));
        }

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<float[][]>>> results = new ArrayList<>();
            for (List<String> texts : inputs) {
                Callable<List<float[][]>> task = () -> {
                    start.await();
                    List<float[][]> rounds = new ArrayList<>();
                    for (int round = 0; round < 10; round++) {
                        rounds.add(tiny.encode(texts, 8));
                    }
                    return rounds;
                };
                results.add(pool.submit(task));
            }
            start.countDown();
            for (int thread = 0; thread < 4; thread++) {
                for (float[][] concurrent : results.get(thread).get(120, TimeUnit.SECONDS)) {
                    for (int row = 0; row < concurrent.length; row++) {
                        assertThat(concurrent[row]).as("thread %d, text %d", thread, row)
                                .containsExactly(serial.get(thread)[row], within(1e-6f));
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
