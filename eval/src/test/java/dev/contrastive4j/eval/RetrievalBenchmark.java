package dev.contrastive4j.eval;

import dev.contrastive4j.evaluation.EvaluationResult;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Times the retrieval evaluator on random vectors and reports the peak heap in use while it runs.
 *
 * <pre>
 * java -Xmx160m -cp eval/target/test-classes:eval/target/classes:$(cat cp.txt) \
 *     dev.contrastive4j.eval.RetrievalBenchmark [corpus] [queries] [dimension] [corpusChunk] [queryChunk]
 * </pre>
 * Defaults: 100,000 documents, 1,000 queries, dimension 64, chunks 10,000 and 128. The peak is sampled every
 * millisecond from {@link MemoryMXBean#getHeapMemoryUsage()} (used bytes, garbage included) and includes
 * the random vectors themselves (corpus × dimension × 4 bytes); the bytes the evaluating thread allocated
 * (garbage included) come from {@code com.sun.management.ThreadMXBean}. Run it with a heap smaller than
 * the full score matrix to see that it is never needed.
 */
public final class RetrievalBenchmark {

    private RetrievalBenchmark() {
    }

    public static void main(String[] args) throws InterruptedException {
        int corpus = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int dimension = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int corpusChunk = args.length > 3 ? Integer.parseInt(args[3]) : InformationRetrievalEvaluator.DEFAULT_CORPUS_CHUNK_SIZE;
        int queryChunk = args.length > 4 ? Integer.parseInt(args[4]) : InformationRetrievalEvaluator.DEFAULT_QUERY_CHUNK_SIZE;

        RandomRetrievalFixture fixture = new RandomRetrievalFixture(corpus, queries, dimension, 42);
        InformationRetrievalEvaluator evaluator = InformationRetrievalEvaluator.builder(fixture.dataset)
                .corpusChunkSize(corpusChunk).queryChunkSize(queryChunk).build();
        evaluator.evaluate(fixture); // warm-up: let the JIT compile the kernels

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(baseline);
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        EvaluationResult result = evaluator.evaluate(fixture);
        double seconds = (System.nanoTime() - start) / 1e9;
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        sampler.interrupt();
        sampler.join();

        double macs = (double) corpus * queries * dimension;
        System.out.printf(Locale.ROOT, "corpus %,d x queries %,d x dimension %d, chunks %,d x %,d%n",
                corpus, queries, dimension, corpusChunk, queryChunk);
        System.out.printf(Locale.ROOT, "evaluate: %.2f s (%.2f G multiply-adds/s)%n", seconds, macs / seconds / 1e9);
        System.out.printf(Locale.ROOT, "heap used: %.1f MB after GC before the run, peak %.1f MB during it (max heap %.0f MB)%n",
                baseline / 1e6, peak.get() / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
        System.out.printf(Locale.ROOT, "allocated by the evaluating thread during the run: %.1f MB%n", allocated / 1e6);
        System.out.printf(Locale.ROOT, "full score matrix would be %.0f MB as floats%n", 4.0 * corpus * queries / 1e6);
        System.out.print(result.toTable());
    }
}
