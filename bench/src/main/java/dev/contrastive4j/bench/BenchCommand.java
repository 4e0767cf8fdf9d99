package dev.contrastive4j.bench;

import dev.contrastive4j.cli.C4j;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code c4j bench}: performance measurements, one subcommand each. */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {BenchEncodeCommand.class, BenchTrainCommand.class},
        description = "Measure performance; see 'c4j bench encode --help'.")
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("c4j: error: bench needs a subcommand (see 'c4j bench --help')");
        return C4j.USER_ERROR;
    }
}
