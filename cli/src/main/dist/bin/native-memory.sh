# Sourced by the c4j launchers (bin/c4j and the checkout's ./c4j): how glibc's allocator treats the large
# temporary arrays of libtorch's forward and backward passes (up to 24 MiB each, see SentenceEncoder's
# LARGEST_PASS_TEMPORARY_BYTES). With glibc's defaults the mmap threshold moves with the blocks freed and the top of
# the heap is returned to the kernel once 2x that threshold lies free, so the same pass sometimes reuses its blocks
# and sometimes maps and zeroes them page by page again: at 128 tokens the same bench encode ran at 0.61-0.89x ONNX
# Runtime's speed by default and at 1.11-1.16x with these settings (README, "Speed"). Fixed at 32 MiB, blocks up to
# that size always come from the heap; a trim threshold of 4 GiB keeps freed heap memory for reuse (resident memory
# does not shrink back between passes; its peak is unchanged); 256 MiB of top padding grows the heap in large steps.
# Each is set only where the user has not set it.
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-33554432}"
export MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-4294967296}"
export MALLOC_TOP_PAD_="${MALLOC_TOP_PAD_:-268435456}"
