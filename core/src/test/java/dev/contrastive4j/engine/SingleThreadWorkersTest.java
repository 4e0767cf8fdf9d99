package dev.contrastive4j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import ai.djl.pytorch.jni.JniUtils;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SingleThreadWorkersTest {

    @BeforeEach
    void needsTwoIntraOpThreads() {
        // A 1-core machine has nothing to run side by side; the CI machines have 2 cores.
        assumeThat(SingleThreadWorkers.available()).as(SingleThreadWorkers.describe()).isTrue();
    }

    @Test
    void everyIndexRunsOnceOnWorkersThatUseOneThreadWhileTheCallerKeepsItsOwn() {
        int callerThreads = libtorchThreadsOfThisThread();
        AtomicIntegerArray runs = new AtomicIntegerArray(50);
        Set<String> workers = ConcurrentHashMap.newKeySet();
        Set<Integer> threadCounts = ConcurrentHashMap.newKeySet();

        SingleThreadWorkers.forEach(runs.length(), index -> {
            runs.incrementAndGet(index);
            workers.add(Thread.currentThread().getName());
            threadCounts.add(libtorchThreadsOfThisThread());
        });

        for (int i = 0; i < runs.length(); i++) {
            assertThat(runs.get(i)).as("runs of index %d", i).isEqualTo(1);
        }
        assertThat(workers).allMatch(name -> name.startsWith("c4j-single-thread-worker-"))
                .hasSizeLessThanOrEqualTo(SingleThreadWorkers.count());
        assertThat(threadCounts).containsExactly(1);
        assertThat(callerThreads).isEqualTo(PyTorchRuntime.intraOpThreads()).isGreaterThan(1);
        assertThat(libtorchThreadsOfThisThread()).isEqualTo(callerThreads);
    }

    @Test
    void aFailingTaskIsRethrownAndStopsTheRemainingIndices() {
        AtomicInteger started = new AtomicInteger();

        assertThatThrownBy(() -> SingleThreadWorkers.forEach(10_000, index -> {
            started.incrementAndGet();
            if (index == 3) {
                throw new IllegalArgumentException("index 3 is bad");
            }
            simulateAMillisecondOfWork();
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("index 3 is bad");

        // Had the failure not stopped them, the workers would have run on for at least 5 s (10,000 tasks of 1 ms or
        // more on 2 workers); stopped, they end with the few tasks they had begun.
        assertThat(started.get()).isLessThan(100);
        // The pool is still usable afterwards.
        AtomicInteger after = new AtomicInteger();
        SingleThreadWorkers.forEach(5, index -> after.incrementAndGet());
        assertThat(after.get()).isEqualTo(5);
    }

    @Test
    void thePropertyTurnsThemOff() {
        try (SystemPropertyOverride off = SystemPropertyOverride.set(SingleThreadWorkers.PROPERTY, "false")) {
            assertThat(SingleThreadWorkers.available()).isFalse();
            assertThat(SingleThreadWorkers.describe()).isEqualTo("one at a time (-Dcontrastive4j.sideBySide=false)");
            assertThatThrownBy(() -> SingleThreadWorkers.forEach(1, index -> { }))
                    .isInstanceOf(IllegalStateException.class);
        }
        assertThat(SingleThreadWorkers.available()).isTrue();
    }

    /** libtorch's thread count as the calling thread sees it (OpenMP's, per thread). */
    private static int libtorchThreadsOfThisThread() {
        return JniUtils.getNumThreads();
    }

    /**
     * Keeps a task busy long enough that the workers cannot run through every index before the failing one has
     * stopped them: the test is about those skipped indices.
     */
    private static void simulateAMillisecondOfWork() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
