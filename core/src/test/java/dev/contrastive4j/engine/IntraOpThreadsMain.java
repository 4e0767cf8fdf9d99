package dev.contrastive4j.engine;

/** Prints the intra-op thread count the engine started with, for a test that runs it in a fresh JVM. */
public final class IntraOpThreadsMain {

    private IntraOpThreadsMain() {
    }

    public static void main(String[] args) {
        System.out.println("intra-op threads: " + PyTorchRuntime.intraOpThreads());
    }
}
