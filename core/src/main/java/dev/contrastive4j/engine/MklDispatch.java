package dev.contrastive4j.engine;

/**
 * Whether {@value #LIBRARY_FILE} is loaded into this process: the small library (source in core's
 * {@code src/main/native/mkl_dispatch.c}) that lets the Intel MKL inside libtorch choose its matrix kernels by the
 * processor's instruction sets rather than by its vendor, so that AVX-512 processors not made by Intel run MKL's
 * AVX-512 kernels. It must be preloaded when the JVM starts ({@code LD_PRELOAD}); the {@code c4j} launchers do so
 * unless {@code C4J_MKL_DISPATCH=vendor}. A Java program that embeds contrastive4j sets {@code LD_PRELOAD} itself.
 */
public final class MklDispatch {

    /** The library's file name. */
    public static final String LIBRARY_FILE = "libc4j-mkl-dispatch.so";

    private MklDispatch() {}

    /** Whether the library is mapped into this process (false where {@code /proc/self/maps} cannot be read). */
    public static boolean loaded() {
        return LoadedLibraries.find(LIBRARY_FILE).isPresent();
    }

    /** One line for benchmark reports: how MKL chooses its kernels in this process. */
    public static String describe() {
        return loaded() ? "MKL kernels chosen by instruction set (" + LIBRARY_FILE + " preloaded)"
                : "MKL kernels chosen by CPU vendor (MKL's default; AVX2 at most on non-Intel processors)";
    }
}
