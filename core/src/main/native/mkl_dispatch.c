/*
 * libc4j-mkl-dispatch: lets the Intel MKL inside libtorch choose its matrix kernels by the instruction sets the
 * processor reports instead of by its vendor.
 *
 * libtorch's CPU builds link MKL statically and route float32 matrix products (every linear layer) through it.
 * MKL asks mkl_serv_intel_cpu_true() whether the processor is Intel's; on any other (AMD EPYC with AVX-512, say)
 * it runs its generic AVX2 kernels even where the processor has the AVX-512 units. Past that question MKL still
 * checks each instruction set's CPUID bits, so answering "yes" selects only kernels the processor can run.
 * libtorch_cpu.so exports the function and calls it through its PLT, so this library, preloaded with LD_PRELOAD
 * (the c4j launchers do it), takes its place. Measured on a 2-core AMD EPYC (Zen 5): 2.2x the GFLOP/s of MKL's
 * default path at MiniLM's shapes (see README, "Speed"). Set C4J_MKL_DISPATCH=vendor to run without it.
 */

int mkl_serv_intel_cpu_true(void) {
    return 1;
}

/* Lets contrastive4j see (in /proc/self/maps) and tests check (by symbol) that this library is loaded. */
int c4j_mkl_dispatch_loaded(void) {
    return 1;
}
