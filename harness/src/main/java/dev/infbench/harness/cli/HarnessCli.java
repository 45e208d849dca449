package dev.infbench.harness.cli;

import dev.infbench.harness.report.text.TerminalText;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * Command line of the harness: reads a run folder and prints or writes its results.
 *
 * <pre>
 *   java -jar harness.jar summary RUN_DIR            # table on stdout
 *   java -jar harness.jar csv RUN_DIR [--out FILE]   # RUN_DIR/results.csv by default
 * </pre>
 *
 * <p>Bad input (missing folder, damaged journal, wrong arguments) prints one line on stderr and exits with
 * {@value #EXIT_BAD_INPUT}; a stack trace would only mean a bug in the harness.
 */
@Command(name = "harness", description = "Reads an infbench run folder and reports its results.",
        subcommands = {SummaryCommand.class, CsvCommand.class, WideCsvCommand.class, MarkdownCommand.class,
            ReportCommand.class, BestCommand.class, CompareCommand.class, MergeCommand.class, NightlyCommand.class,
            TrendCommand.class})
public final class HarnessCli implements Callable<Integer> {

    /** Exit status for bad input or usage, as picocli uses for usage errors. */
    public static final int EXIT_BAD_INPUT = 2;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    /** Exit status when the harness itself fails (out of memory, an unexpected error): not the input's fault. */
    public static final int EXIT_FAILED = 3;

    public static void main(String[] args) {
        // Paths and values from run folders reach the terminal: no escape sequence of theirs gets through.
        System.setOut(TerminalText.console(System.out, TerminalText.charsetOf("stdout")));
        System.setErr(TerminalText.console(System.err, TerminalText.charsetOf("stderr")));
        int status;
        try {
            status = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        } catch (OutOfMemoryError e) {
            System.err.println("harness: out of memory (" + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                    + " MiB heap); give the JVM more with -Xmx");
            status = EXIT_FAILED;
        } catch (RuntimeException e) {
            System.err.println("harness: internal error: " + e);
            status = EXIT_FAILED;
        }
        System.exit(status);
    }

    /** Runs the command line with the given streams and returns the exit status; for tests and embedding. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new HarnessCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, arguments) -> {
            e.getCommandLine().getErr().println("harness: " + firstLine(e.getMessage()) + " (see --help)");
            return EXIT_BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof dev.infbench.format.FormatException) {
                commandLine.getErr().println("harness: " + firstLine(e.getMessage()));
                return EXIT_BAD_INPUT;
            }
            throw e;
        });
        int status = cli.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    /** Without a subcommand there is nothing to do: show what there is. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return EXIT_BAD_INPUT;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "error";
        }
        int newline = message.indexOf('\n');
        return newline >= 0 ? message.substring(0, newline) : message;
    }
}
