package dev.contrastive4j.cli;

import dev.contrastive4j.data.Datasets;
import dev.contrastive4j.data.ExampleReader;
import dev.contrastive4j.data.ReadOptions;
import dev.contrastive4j.data.ReadReport;
import dev.contrastive4j.files.OutputPaths;
import dev.contrastive4j.plugin.LoadedConverter;
import dev.contrastive4j.spi.ContrastiveException;
import dev.contrastive4j.spi.Converter;
import dev.contrastive4j.spi.ConverterDescriptor;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.Example;
import dev.contrastive4j.spi.ParameterSpec;
import dev.contrastive4j.spi.ParameterValues;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code c4j convert --to scored-pairs|pairs IN OUT}: converts a data file with the converter plugin named
 * {@code <format of IN>-to-<target>} (for triplets: {@code triplet-to-scored-pairs}, {@code triplet-to-pairs}).
 * It streams, one row at a time; the output's syntax follows its name and it appears only when complete.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert a data file to another format with a converter plugin,"
                + " e.g. triplets to scored pairs: (q, p, n) -> (q, p, 1), (q, n, 0).")
final class ConvertCommand implements Callable<Integer> {

    /** The values {@code --to} takes, and the format each names. */
    private static final Map<String, DataFormat> TARGETS = Map.of(
            "scored-pairs", DataFormat.SCORED_PAIR,
            "pairs", DataFormat.PAIR);

    @ParentCommand
    C4j root;

    @Spec
    CommandSpec spec;

    @Option(names = "--to", required = true, paramLabel = "FORMAT",
            description = "The format to write: scored-pairs or pairs.")
    String to;

    @Option(names = {"-P", "--param"}, paramLabel = "NAME=VALUE",
            description = "A converter parameter, e.g. positive_score=0.9 (repeatable; see 'c4j losses').")
    Map<String, String> parameters = new LinkedHashMap<>();

    @Option(names = "--skip-bad-rows", description = "Skip rows with bad values (and report them) instead of failing.")
    boolean skipBadRows;

    @Parameters(index = "0", paramLabel = "IN", description = "The data file to read (.jsonl, .csv or .tsv, optionally .gz).")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT", description = "The file to write; its name sets the syntax.")
    Path output;

    @Override
    public Integer call() {
        DataFormat target = TARGETS.get(to);
        if (target == null) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--to': expected "
                    + String.join(" or ", TARGETS.keySet().stream().sorted().toList()) + ", got '" + to + "'");
        }
        if (Files.isDirectory(output)) {
            throw new ParameterException(spec.commandLine(), "OUT must name a file, found the folder " + output);
        }
        OutputPaths.checkNotInput(output, "OUT", input, "IN");
        OutputPaths.checkCreatable(output, "OUT");
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ReadOptions options = skipBadRows ? ReadOptions.defaults().skippingBadRows() : ReadOptions.defaults();
        try (ExampleReader reader = ExampleReader.open(input, options)) {
            DataFormat from = reader.format();
            if (from == target) {
                throw new ContrastiveException(input + " already holds " + from.cliName() + " rows; nothing to convert");
            }
            LoadedConverter loaded = root.registry(err).converter(from.cliName() + "-to-" + to);
            Converter converter = loaded.factory().create(parameterValues(loaded.descriptor()));
            Stream<Example> converted = reader.stream().flatMap(row -> converter.convert(row).stream());
            long written = Datasets.write(output, converted::iterator);
            ReadReport report = reader.report();
            if (report.rowsSkipped() > 0) {
                err.println("c4j: warning: " + report.summary());
            }
            out.printf("read %d %s rows from %s, wrote %d %s rows to %s%n", report.rowsRead(), from.cliName(), input,
                    written, target.cliName(), output);
        }
        out.flush();
        return 0;
    }

    /** The converter's parameters: the {@code --param} values typed by its specs, the rest at their defaults. */
    private ParameterValues parameterValues(ConverterDescriptor descriptor) {
        Map<String, Object> typed = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : parameters.entrySet()) {
            ParameterSpec parameter = descriptor.parameters().stream()
                    .filter(p -> p.name().equals(entry.getKey())).findFirst()
                    .orElseThrow(() -> new ContrastiveException("converter '" + descriptor.name() + "' has no parameter '"
                            + entry.getKey() + "'; its parameters: " + (descriptor.parameters().isEmpty() ? "none"
                            : descriptor.parameters().stream().map(ParameterSpec::name).collect(Collectors.joining(", ")))));
            try {
                typed.put(parameter.name(), parameter.parse(entry.getValue()));
            } catch (IllegalArgumentException e) {
                throw new ContrastiveException("converter '" + descriptor.name() + "', parameter '" + parameter.name()
                        + "': " + e.getMessage());
            }
        }
        return ParameterValues.of(descriptor.parameters(), typed);
    }
}
