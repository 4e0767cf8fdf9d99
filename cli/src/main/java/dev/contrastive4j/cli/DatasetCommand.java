package dev.contrastive4j.cli;

import dev.contrastive4j.files.OutputPaths;
import dev.contrastive4j.spi.BuiltDataset;
import dev.contrastive4j.spi.DatasetBuilder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code c4j dataset NAME --output DIR}: builds a dataset with a dataset-builder plugin. */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = {"Build a dataset with a dataset-builder plugin, e.g.:",
            "  c4j dataset wordnet --output data/wordnet-senses",
            "  c4j dataset wordnet --wordnet-dir /usr/share/wordnet --output my-wordnet"})
final class DatasetCommand implements Callable<Integer> {

    @ParentCommand
    C4j root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The dataset to build; 'c4j dataset --list' names them.",
            arity = "0..1")
    String name;

    @Option(names = {"--source", "--wordnet-dir"}, paramLabel = "DIR",
            description = "A folder with the source data (for wordnet: WordNet's data.* files). Default: the data the"
                    + " plugin ships.")
    Path source;

    @Option(names = "--output", paramLabel = "DIR", description = "The folder to write into.")
    Path output;

    @Option(names = "--list", description = "List the dataset builders found.")
    boolean list;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        var registry = root.registry(spec.commandLine().getErr());
        if (list || name == null) {
            if (registry.datasets().isEmpty()) {
                out.println("No dataset builders found. Add the data-converters plugin.");
            }
            for (DatasetBuilder builder : registry.datasets()) {
                out.printf("%-10s %s%n", builder.name(), builder.summary());
            }
            out.flush();
            return name == null && !list ? C4j.USER_ERROR : 0;
        }
        if (output == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--output=DIR'");
        }
        DatasetBuilder builder = registry.dataset(name);
        OutputPaths.checkCreatable(output, "--output");
        BuiltDataset built = builder.build(Optional.ofNullable(source), output);
        out.printf("Built dataset '%s' from %s into %s%n", name, built.source(), output);
        built.rowsPerSplit().forEach((split, rows) -> out.printf("  %-6s %,d rows%n", split, rows));
        out.flush();
        return 0;
    }
}
