package dev.contrastive4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Consumer;
import picocli.CommandLine;

/** Runs the command line in-process and captures what it prints (public for the bench module's tests). */
public record CliRun(int exitCode, String out, String err) {

    static CliRun withPluginsEnvironment(String pluginsEnvironment, String... args) {
        return with(new C4j(pluginsEnvironment), args);
    }

    /** As the distribution's launcher runs it: {@code installedPlugins} is what it passes as -Dc4j.plugins. */
    static CliRun withInstalledPlugins(String installedPlugins, String... args) {
        return with(new C4j(installedPlugins, null), args);
    }

    /** With the commands {@code extraCommands} adds, as {@link C4j#run} adds them. */
    public static CliRun withCommands(Consumer<CommandLine> extraCommands, String... args) {
        return with(new C4j(null, null), extraCommands, args);
    }

    private static CliRun with(C4j root, String... args) {
        return with(root, commandLine -> { }, args);
    }

    private static CliRun with(C4j root, Consumer<CommandLine> extraCommands, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = C4j.commandLine(root);
        extraCommands.accept(commandLine);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    public static CliRun of(String... args) {
        return withPluginsEnvironment(null, args);
    }
}
