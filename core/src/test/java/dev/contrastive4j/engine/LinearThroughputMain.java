package dev.contrastive4j.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;

/**
 * How fast libtorch multiplies matrices of all-MiniLM-L6-v2's shapes: {@code M} tokens (batch × padded length)
 * times a {@code 384 → N} weight, as the encoder's linear layers do. A main, not a test: it prints milliseconds
 * and GFLOP/s per shape, the yardstick for how much of an encoder pass is matrix products.
 *
 * <pre>
 * ./mvnw -q -pl core test-compile dependency:build-classpath -Dmdep.outputFile=target/test.cp -Dmdep.includeScope=test
 * cd core && java -Dai.djl.pytorch.num_threads=2 -Dai.djl.offline=true \
 *   -cp "target/test-classes:target/classes:$(cat target/test.cp)" dev.contrastive4j.engine.LinearThroughputMain 320
 * </pre>
 */
public final class LinearThroughputMain {

    private static final int HIDDEN = 384;
    private static final int WARMUP = 20;
    private static final int REPEATS = 200;

    private LinearThroughputMain() {
    }

    public static void main(String[] args) {
        int tokens = args.length > 0 ? Integer.parseInt(args[0]) : 320;
        PyTorchRuntime.configureDefaults();
        try (NDManager manager = PyTorchRuntime.engine().newBaseManager()) {
            NDArray input = manager.randomNormal(new Shape(tokens, HIDDEN));
            for (int outputs : new int[] {HIDDEN, 3 * HIDDEN, 4 * HIDDEN}) {
                NDArray weight = manager.randomNormal(new Shape(outputs, HIDDEN));
                for (int i = 0; i < WARMUP; i++) {
                    multiply(manager, input, weight);
                }
                long start = System.nanoTime();
                for (int i = 0; i < REPEATS; i++) {
                    multiply(manager, input, weight);
                }
                double seconds = (System.nanoTime() - start) / 1e9 / REPEATS;
                System.out.printf(Locale.ROOT, "%d x %d -> %d: %.3f ms, %.1f GFLOP/s%n", tokens, HIDDEN, outputs,
                        seconds * 1e3, 2.0 * tokens * HIDDEN * outputs / seconds / 1e9);
            }
        }
    }

    private static void multiply(NDManager manager, NDArray input, NDArray weight) {
        try (NDManager step = manager.newSubManager()) {
            NDArray product = input.matMul(weight.transpose());
            product.attach(step);
        }
    }
}
