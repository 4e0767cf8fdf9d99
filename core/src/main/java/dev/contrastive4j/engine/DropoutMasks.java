package dev.contrastive4j.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Dropout masks for the CPU, drawn on all cores. libtorch draws a CPU dropout mask one element at a time on one
 * thread, two 32-bit outputs of its Mersenne Twister per element, except on Intel processors, where it hands the
 * work to MKL's parallel generator ({@code bernoulli_scalar_kernel} checks the vendor). On the 2-core AMD machine
 * that made the masks of a 256-token training step, 0.45 billion elements of attention probabilities alone,
 * about a third of the step.
 *
 * <p>Each mask takes a seed from one stream, seeded by {@link PyTorchRuntime#seedRandom} alongside libtorch's
 * generator; the mask is cut into chunks of {@value #CHUNK} elements, each drawn from its own generator split from
 * that seed, so a mask depends on the seed and its position in the stream, never on how many threads drew it. An
 * element is dropped when a uniform 32-bit draw falls below {@code rate · 2³²} (rate exact to 2⁻³²).
 */
public final class DropoutMasks {

    /**
     * System property that leaves CPU dropout to libtorch ({@value #LIBTORCH}): for comparisons, and as a way back to
     * libtorch's own masks.
     */
    public static final String PROPERTY = "contrastive4j.dropout";

    /** The value of {@link #PROPERTY} that leaves CPU dropout masks to libtorch. */
    public static final String LIBTORCH = "libtorch";

    /** Elements per independently seeded chunk. */
    static final int CHUNK = 1 << 18;
    private static final double TWO_TO_32 = 4294967296.0;

    private static SplittableRandom stream = new SplittableRandom(0); // guarded by DropoutMasks.class
    /**
     * Reused between masks, each copied out of it into a tensor of its own: a fresh direct buffer of a 256-token
     * pass's 6 MB costs more than drawing the mask. Guarded by DropoutMasks.class.
     */
    private static ByteBuffer scratch = ByteBuffer.allocateDirect(0);

    private DropoutMasks() {}

    /** Whether the encoder's dropout draws its CPU masks here (the default) rather than in libtorch. */
    public static boolean inUse() {
        return !LIBTORCH.equals(System.getProperty(PROPERTY));
    }

    /** One line for benchmark reports: where CPU dropout masks come from in this process. */
    public static String describe() {
        return inUse() ? "CPU masks drawn on all cores (DropoutMasks)"
                : "libtorch's, one element at a time on the CPU (-D" + PROPERTY + "=" + LIBTORCH + ")";
    }

    /** Restarts the stream the masks take their seeds from. */
    public static synchronized void seed(long seed) {
        stream = new SplittableRandom(seed);
    }

    /**
     * A boolean mask of {@code shape} on the CPU, in {@code manager}: each element false (dropped) with probability
     * {@code rate}, independently.
     *
     * @param rate the dropout probability, in [0, 1)
     */
    public static synchronized NDArray keep(NDManager manager, Shape shape, double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        }
        int size = Math.toIntExact(shape.size());
        if (scratch.capacity() < size) {
            scratch = ByteBuffer.allocateDirect(size).order(ByteOrder.LITTLE_ENDIAN);
        }
        ByteBuffer mask = scratch;
        long dropBelow = Math.round(rate * TWO_TO_32);
        SplittableRandom chunkSeeds = new SplittableRandom(stream.nextLong());
        int chunks = (size + CHUNK - 1) / CHUNK;
        long[] seeds = new long[chunks];
        for (int c = 0; c < chunks; c++) {
            seeds[c] = chunkSeeds.nextLong();
        }
        IntStream.range(0, chunks).parallel().forEach(c -> fill(mask, c * CHUNK, Math.min(size, (c + 1) * CHUNK),
                new SplittableRandom(seeds[c]), dropBelow));
        // DJL wraps a direct buffer without copying it; the copy in PyTorch's memory lets the next mask reuse the
        // buffer while this one is still needed by backward.
        return PyTorchRuntime.owned(manager.create(mask.slice(0, size), shape, DataType.BOOLEAN));
    }

    /** Elements {@code [from, to)}: eight at a time as one little-endian long of 0/1 bytes, then the rest. */
    private static void fill(ByteBuffer mask, int from, int to, SplittableRandom random, long dropBelow) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long packed = 0;
            for (int pair = 0; pair < 4; pair++) {
                long bits = random.nextLong(); // two 32-bit draws
                packed |= keeps(bits >>> 32, dropBelow) << (16 * pair);
                packed |= keeps(bits & 0xFFFFFFFFL, dropBelow) << (16 * pair + 8);
            }
            mask.putLong(i, packed);
        }
        for (; i < to; i++) {
            mask.put(i, (byte) keeps(random.nextLong() >>> 32, dropBelow));
        }
    }

    private static long keeps(long uniform32, long dropBelow) {
        return uniform32 < dropBelow ? 0 : 1;
    }
}
