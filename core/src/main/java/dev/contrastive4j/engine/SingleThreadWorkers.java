package dev.contrastive4j.engine;

import ai.djl.pytorch.jni.JniUtils;
import com.sun.jna.Function;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * One thread per intra-op thread of libtorch, on each of which libtorch runs every operation on that thread
 * alone (OpenMP's and MKL's thread counts set to one for that thread only; the rest of the process keeps its
 * own). Small forward passes run side by side on them, one per core, instead of one after the other with each
 * operation split across all cores: a small matrix product split in two loses much of its speed to the split,
 * and a small element-wise step to the threads' fork and join.
 *
 * <p>{@link #available()} is false where this cannot be arranged (libtorch's {@code omp_set_num_threads} or
 * {@code MKL_Set_Num_Threads_Local} not found, one intra-op thread only) and under
 * {@code -D}{@value #PROPERTY}{@code =false}, the way back to one pass at a time.
 */
public final class SingleThreadWorkers {

    /** System property: {@code false} runs every pass on the caller's thread with all intra-op threads. */
    public static final String PROPERTY = "contrastive4j.sideBySide";

    private static final class Entry {
        /** {@code omp_set_num_threads(int)} (libtorch's OpenMP) and {@code MKL_Set_Num_Threads_Local(int)}. */
        static final Optional<Function[]> THREAD_SETTERS =
                LibtorchSymbols.find("omp_set_num_threads", "MKL_Set_Num_Threads_Local");
        static final int COUNT = PyTorchRuntime.intraOpThreads();
        static final AtomicInteger NAMES = new AtomicInteger();
        /** Daemon threads: an idle pool must not keep the JVM alive. */
        static final ExecutorService POOL = Executors.newFixedThreadPool(COUNT, task -> {
            Thread thread = new Thread(() -> {
                useOneThreadHere();
                task.run();
            }, "c4j-single-thread-worker-" + NAMES.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    private SingleThreadWorkers() {}

    /** Whether passes can run side by side here (see the class comment). */
    public static boolean available() {
        return !"false".equals(System.getProperty(PROPERTY)) && Entry.THREAD_SETTERS.isPresent() && Entry.COUNT > 1;
    }

    /** How many workers run side by side: libtorch's intra-op thread count. */
    public static int count() {
        return Entry.COUNT;
    }

    /** One line for benchmark reports: whether small passes run side by side in this process. */
    public static String describe() {
        if ("false".equals(System.getProperty(PROPERTY))) {
            return "one at a time (-D" + PROPERTY + "=false)";
        }
        if (!Entry.THREAD_SETTERS.isPresent()) {
            return "one at a time (libtorch's thread settings not found)";
        }
        return Entry.COUNT > 1 ? Entry.COUNT + " side by side, one thread each" : "one at a time (one thread)";
    }

    /**
     * Runs {@code task} for every index in {@code [0, count)} on the workers, each index once, each worker taking
     * the next index when it is done with one, and returns when all are done. Tasks of one call must not depend on
     * each other; a task that throws stops its worker taking more, and the first failure is rethrown here once
     * every worker has stopped.
     *
     * @throws IllegalStateException if the workers are not {@link #available()}
     */
    public static void forEach(int count, IntConsumer task) {
        if (!available()) {
            throw new IllegalStateException("single-thread workers are not available: " + describe());
        }
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> running = new ArrayList<>();
        for (int worker = 0; worker < Math.min(count, Entry.COUNT); worker++) {
            running.add(Entry.POOL.submit(() -> {
                try {
                    for (int index = next.getAndIncrement(); index < count; index = next.getAndIncrement()) {
                        task.accept(index);
                    }
                } catch (RuntimeException | Error e) {
                    // The other workers would go on with the remaining indices: make them stop early.
                    next.set(count);
                    throw e;
                }
            }));
        }
        Throwable failure = null;
        boolean interrupted = false;
        for (Future<?> future : running) {
            while (true) {
                try {
                    future.get();
                    break;
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause();
                    } else {
                        failure.addSuppressed(e.getCause());
                    }
                    break;
                } catch (InterruptedException e) {
                    // The workers write into the caller's arrays: wait for them, then report the interrupt.
                    next.set(count);
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (interrupted) {
            throw new IllegalStateException("interrupted while the single-thread workers ran");
        }
    }

    /**
     * Sets OpenMP's and MKL's thread count to one for the calling thread only. libtorch first sets both per thread
     * to its global count when a thread runs its first operation; asking for the count does that here, so that it
     * does not undo this later.
     */
    private static void useOneThreadHere() {
        JniUtils.getNumThreads();
        Function[] setters = Entry.THREAD_SETTERS.orElseThrow();
        setters[0].invokeVoid(new Object[] {1});
        setters[1].invokeInt(new Object[] {1});
    }
}
