package dev.contrastive4j.bench;

import dev.contrastive4j.cli.C4j;
import picocli.CommandLine;

/**
 * The developers' command line: {@code c4j} with {@code bench} added. The checkout's {@code ./c4j} launcher runs it
 * for {@code ./c4j bench …}; the user's distribution has no bench and no ONNX Runtime.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) {
        C4j.run(args, BenchMain::addBench);
    }

    /** Adds {@code bench} to a {@code c4j} command line. */
    public static CommandLine addBench(CommandLine commandLine) {
        return commandLine.addSubcommand(new BenchCommand());
    }
}
