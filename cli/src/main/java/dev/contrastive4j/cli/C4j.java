package dev.contrastive4j.cli;

import dev.contrastive4j.engine.PyTorchRuntime;
import dev.contrastive4j.files.IoProblems;
import dev.contrastive4j.files.TemporaryPaths;
import dev.contrastive4j.plugin.PluginClassLoaders;
import dev.contrastive4j.plugin.PluginProblem;
import dev.contrastive4j.plugin.PluginRegistry;
import dev.contrastive4j.spi.ContrastiveException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The {@code c4j} command line: train, evaluate and compare sentence-embedding models with contrastive
 * losses. Exit codes: 0 success, 1 internal error (a bug: the stack trace is printed), 2 a user error (one
 * line that says what and where; {@code --verbose} adds the stack trace).
 */
@Command(
        name = "c4j",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Train and evaluate sentence-embedding models with contrastive losses.",
        subcommands = {CompareCommand.class, TrainCommand.class, EvaluateCommand.class, EncodeCommand.class,
                MineCommand.class, ExportCommand.class,
                LossesCommand.class, ConvertCommand.class, DatasetCommand.class,
                CommandLine.HelpCommand.class})
public final class C4j implements Callable<Integer> {

    public static final int USER_ERROR = 2;
    public static final int INTERNAL_ERROR = 1;
    /** The longest error line: enough for two long paths and a reason. */
    static final int MAX_ERROR_CHARS = 1000;

    @Option(names = "--verbose", description = "Show stack traces and debug output.", scope = CommandLine.ScopeType.INHERIT)
    boolean verbose;

    @Option(names = "--plugins", paramLabel = "DIR", scope = CommandLine.ScopeType.INHERIT,
            description = "A folder of plugin jars to load besides the installation's plugins folder (repeatable;"
                    + " ${sys:line.separator}also from the " + PluginClassLoaders.ENVIRONMENT_VARIABLE
                    + " environment variable).")
    List<Path> pluginFolders = new ArrayList<>();

    private final String installedPlugins;
    private final String pluginsFromEnvironment;
    private PluginRegistry registry;
    /** What a stop by Ctrl-C or SIGTERM should tell the user, kept up to date by the running command. */
    private volatile String interruptionNote = "";
    private volatile boolean finished;

    /** The command line of an installation: its plugins folder from {@code -Dc4j.plugins}, extra ones from the environment. */
    public C4j() {
        this(System.getProperty(PluginClassLoaders.INSTALLED_PROPERTY),
                System.getenv(PluginClassLoaders.ENVIRONMENT_VARIABLE));
    }

    C4j(String pluginsFromEnvironment) {
        this(null, pluginsFromEnvironment);
    }

    /**
     * @param installedPlugins the installation's plugins folders (the distribution's {@code plugins/}), or null
     * @param pluginsFromEnvironment the value of {@code C4J_PLUGINS}, or null
     */
    C4j(String installedPlugins, String pluginsFromEnvironment) {
        this.installedPlugins = installedPlugins;
        this.pluginsFromEnvironment = pluginsFromEnvironment;
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("c4j: error: a command is required (see 'c4j --help')");
        return USER_ERROR;
    }

    /** The plugin registry over the class path and the plugin folders; built once, on first use. */
    PluginRegistry registry(PrintWriter err) {
        if (registry == null) {
            List<Path> folders = new ArrayList<>(PluginClassLoaders.installedFolders(installedPlugins));
            folders.addAll(PluginClassLoaders.folders(pluginFolders, pluginsFromEnvironment));
            List<Path> jars = PluginClassLoaders.readable(PluginClassLoaders.jars(folders),
                    warning -> err.println("c4j: warning: " + warning));
            ClassLoader loader = PluginClassLoaders.over(jars, C4j.class.getClassLoader());
            registry = PluginRegistry.discover(loader);
            for (PluginProblem problem : registry.problems()) {
                err.println("c4j: warning: plugin skipped: " + problem.source() + ": " + problem.message());
            }
        }
        return registry;
    }

    /**
     * Sets what the one line printed on Ctrl-C or SIGTERM adds to "c4j: interrupted", e.g. where the last
     * checkpoint is and how to continue.
     */
    void setInterruptionNote(String note) {
        interruptionNote = note;
    }

    /** The line for a stop by a signal; nothing once the command has returned (the JVM exits normally). */
    String interruptionLine() {
        return finished ? null : "c4j: interrupted" + interruptionNote;
    }

    /** A command line with this project's error handling, for {@link #main} and for tests. */
    public static CommandLine commandLine(C4j root) {
        CommandLine commandLine = new CommandLine(root);
        commandLine.setExecutionExceptionHandler((exception, command, parseResult) -> {
            PrintWriter err = command.getErr();
            if (isUserError(exception)) {
                String advice = BundledPluginModules.load().adviceFor(exception).map(a -> "; " + a).orElse("");
                err.println("c4j: error: " + oneLine(exception) + advice);
                if (root.verbose) {
                    exception.printStackTrace(err);
                }
                return USER_ERROR;
            }
            err.println("c4j: internal error: " + exception);
            exception.printStackTrace(err);
            return INTERNAL_ERROR;
        });
        commandLine.setParameterExceptionHandler((exception, args) -> {
            PrintWriter err = exception.getCommandLine().getErr();
            String name = exception.getCommandLine().getCommandSpec().qualifiedName();
            err.println("c4j: error: " + oneLine(exception) + " (see '" + name + " --help')");
            if (root.verbose) {
                exception.printStackTrace(err);
            }
            return USER_ERROR;
        });
        return commandLine;
    }

    private static boolean isUserError(Throwable exception) {
        return exception instanceof ContrastiveException
                || exception instanceof IOException
                || exception instanceof UncheckedIOException;
    }

    private static String oneLine(Throwable exception) {
        String message = exception.getMessage() == null ? exception.getClass().getSimpleName() : exception.getMessage();
        // "cannot create x.jsonl" says where; the file-system exception beneath it says what went wrong.
        if (exception instanceof FileSystemException fileSystem) {
            message = IoProblems.describe(fileSystem);
        } else if (exception.getCause() instanceof IOException cause
                && (exception instanceof UncheckedIOException || exception instanceof IOException)) {
            String reason = IoProblems.describe(cause);
            if (!message.contains(reason) && (cause.getMessage() == null || !message.contains(cause.getMessage()))) {
                message = message + ": " + reason;
            }
        }
        return shorten(message.replaceAll("\\s*\\R\\s*", " ").strip());
    }

    /** Errors quote what the user gave (an expression, a line of data); a 10 KB input must not make a 10 KB line. */
    static String shorten(String line) {
        if (line.length() <= MAX_ERROR_CHARS) {
            return line;
        }
        int keep = MAX_ERROR_CHARS / 2;
        return line.substring(0, keep) + " […" + String.format(java.util.Locale.ROOT, "%,d", line.length() - 2 * keep)
                + " characters…] " + line.substring(line.length() - keep);
    }

    public static void main(String[] args) {
        run(args, commandLine -> { });
    }

    /**
     * Runs the command line as {@link #main} does, with the commands {@code extraCommands} adds (the developers'
     * bench module adds {@code bench}, which the user's distribution does not ship), and exits.
     */
    public static void run(String[] args, Consumer<CommandLine> extraCommands) {
        PyTorchRuntime.configureDefaults();
        C4j root = new C4j();
        // SIGINT and SIGTERM run the shutdown hooks (exit codes 130 and 143): one line that says what was kept and
        // how to continue; the temporary files of unfinished outputs are deleted by their deleteOnExit marks.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // A checkpoint being written is finished (or never started) before the deleteOnExit marks run.
            TemporaryPaths.stopWritesForExit(Duration.ofSeconds(30));
            String line = root.interruptionLine();
            if (line != null) {
                System.err.println();
                System.err.println(line);
                System.err.flush();
            }
        }, "c4j-interrupted"));
        CommandLine commandLine = commandLine(root);
        extraCommands.accept(commandLine);
        int exitCode = commandLine.execute(args);
        root.finished = true;
        System.exit(exitCode);
    }
}
