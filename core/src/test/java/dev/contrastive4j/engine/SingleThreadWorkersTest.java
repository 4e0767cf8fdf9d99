package dev.contrastive4j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

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
        int callerThreads = SingleThreadWorkers.threadsOfThisThread();
        AtomicIntegerArray runs = new AtomicIntegerArray(50);
        Set<String> workers = ConcurrentHashMap.newKeySet();
        Set<Integer> threadCounts = ConcurrentHashMap.newKeySet();

        SingleThreadWorkers.forEach(runs.length(), index -> {
            runs.incrementAndGet(index);
            workers.add(Thread.currentThread().getName());
            threadCounts.add(SingleThreadWorkers.threadsOfThisThread());
        });

        for (int i = 0; i < runs.length(); i++) {
            assertThat(runs.get(i)).as("runs of index %d", i).isEqualTo(1);
        }
        assertThat(workers).allMatch(name -> name.startsWith("c4j-single-thread-worker-"))
                .hasSizeLessThanOrEqualTo(SingleThreadWorkers.count());
        assertThat(threadCounts).containsExactly(1);
        assertThat(callerThreads).isEqualTo(PyTorchRuntime.intraOpThreads()).isGreaterThan(1);
        assertThat(SingleThreadWorkers.threadsOfThisThread()).isEqualTo(callerThreads);
    }

    @Test
    void aFailingTaskIsRethrownAndStopsTheRemainingIndices() {
        AtomicInteger started = new AtomicInteger();

        assertThatThrownBy(() -> SingleThreadWorkers.forEach(10_000, index -> {
            started.incrementAndGet();
            if (index == 3) {
                throw new IllegalArgumentException("index 3 is bad");
            }
            sleepBriefly();
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("index 3 is bad");

        assertThat(started.get()).isLessThan(10_000);
        // The pool is still usable afterwards.
        AtomicInteger after = new AtomicInteger();
        SingleThreadWorkers.forEach(5, index -> after.incrementAndGet());
        assertThat(after.get()).isEqualTo(5);
    }

    @Test
    void thePropertyTurnsThemOff() {
        System.setProperty(SingleThreadWorkers.PROPERTY, "false");
        try {
            assertThat(SingleThreadWorkers.available()).isFalse();
            assertThat(SingleThreadWorkers.describe()).isEqualTo("one at a time (-Dcontrastive4j.sideBySide=false)");
            assertThatThrownBy(() -> SingleThreadWorkers.forEach(1, index -> { }))
                    .isInstanceOf(IllegalStateException.class);
        } finally {
            System.clearProperty(SingleThreadWorkers.PROPERTY);
        }
        assertThat(SingleThreadWorkers.available()).isTrue();
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
