package dev.infbench.launcher;

import dev.infbench.bench.InferenceBenchmark;
import dev.infbench.config.Parameter;
import dev.infbench.config.UsageException;
import dev.infbench.format.RunLayout;
import dev.infbench.harness.report.text.TerminalText;
import dev.infbench.model.ModelCache;
import dev.infbench.model.ModelCatalog;
import dev.infbench.model.ModelSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The main class of benchmarks.jar: expands a sweep into cells, prunes the unsupported ones with a reason, runs each
 * remaining cell as its own JMH run in forked JVMs, journals every outcome the moment it is known, and writes the
 * run folder. Exit status: 0 when at least one cell ran and every cell that was not pruned ran; 3 when a cell
 * failed or nothing ran; 2 for bad usage.
 */
public final class Launcher {
    static final int OK = 0;
    static final int USAGE = 2;
    static final int FAILED = 3;
    /** Another run holds this host or this run folder; nothing was started (EX_TEMPFAIL of sysexits.h). */
    static final int BUSY = 75;

    static {
        // The launcher holds JMH's lock file for the whole run (HostLock); JMH must not take it again per cell.
        // Set before JMH's Runner class is loaded, which reads it once.
        System.setProperty(HostLock.JMH_IGNORE_LOCK, "true");
    }
    static final String DEFAULT_BENCHMARK = InferenceBenchmark.class.getName() + ".infer";
    /** The serving scenarios' benchmark: a cell whose scenario is not single runs it (see Scenario#method). */
    static final String SERVE_BENCHMARK = InferenceBenchmark.class.getName() + ".serve";

    private final PrintStream out;
    private final PrintStream err;
    /** The run folder once there is one, so that a failure can say what was kept. */
    private RunFolder folder;

    Launcher(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        NativeMapsProbe probe = NativeMapsProbe.startIfAsked();
        ModelCache.refuseGeneration(ModelPreparation.REFUSED);
        // Model paths and values from outside reach the terminal: no escape sequence of theirs gets through.
        PrintStream out = TerminalText.console(System.out, TerminalText.charsetOf("stdout"));
        PrintStream err = TerminalText.console(System.err, TerminalText.charsetOf("stderr"));
        System.setOut(out);
        System.setErr(err);
        Launcher launcher = new Launcher(out, err);
        int status;
        try {
            status = launcher.run(List.of(args));
        } catch (UsageException e) {
            err.println("infbench: " + TerminalText.oneLine(e.getMessage()));
            status = USAGE;
        } catch (BusyException e) {
            err.println("infbench: " + TerminalText.oneLine(e.getMessage()));
            status = BUSY;
        } catch (RunFolderWriteException | CannotRunException e) {
            err.println("infbench: " + TerminalText.oneLine(e.getMessage()));
            status = FAILED;
        } catch (Throwable t) {
            err.println("infbench: internal error: " + TerminalText.oneLine(String.valueOf(t))
                    + launcher.whatWasKept());
            status = FAILED;
        }
        out.flush();
        if (probe != null) {
            probe.finish();
        }
        System.exit(status);
    }

    /** What a failure leaves behind: nothing, or the journal of the cells measured so far. */
    private String whatWasKept() {
        return folder == null ? " (nothing was run)" : " (the cells measured so far are kept in " + folder.dir
                .resolve(RunLayout.JOURNAL) + "; finish the run with --resume " + folder.dir + ")";
    }

    int run(List<String> argv)
            throws UsageException, BusyException, CannotRunException, IOException, RunFolderWriteException {
        LauncherArgs args = LauncherArgs.parse(argv);
        if (args.help) {
            out.print(Help.text());
            return OK;
        }
        RunFolder resumed = args.resume == null ? null : RunFolder.open(Path.of(args.resume));
        try {
            if (resumed != null) {
                LauncherArgs original = LauncherArgs.parse(resumed.originalArguments());
                original.verbose = args.verbose;
                original.retryFailed = args.retryFailed;
                original.out = null;
                args = original;
            }
            return run(args, resumed);
        } finally {
            // Whatever ended the run, the folder can be resumed again (and its lock file is never reopened here).
            if (resumed != null) {
                resumed.release();
            }
            if (folder != null) {
                folder.release();
            }
        }
    }

    private int run(LauncherArgs args, RunFolder resumed)
            throws UsageException, BusyException, CannotRunException, IOException, RunFolderWriteException {
        CommandLineOptions jmh = jmhOptions(args);
        if (args.jmh.contains("-l") || args.jmh.contains("-lp") || args.jmh.contains("-lprof")
                || args.jmh.contains("-lrf")) {
            listOnly(args, jmh);
            return OK;
        }
        Plan plan = Plan.of(args.sweep(), benchmarks(args), jmh, ModelPreparation::references);
        plan.cells.stream().map(c -> c.config().model()).distinct()
                .filter(m -> ModelCatalog.find(m).map(ModelSpec::torchScript).orElse(false))
                .forEach(m -> err.println("infbench: warning: " + ModelCatalog.torchScriptWarning(m)));
        if (args.dryRun) {
            printDryRun(plan);
            return OK;
        }
        Preflight.check(plan);
        Path dir = resumed != null ? resumed.dir : newRunDir(args);
        try (ProcessLock host = HostLock.acquire(dir)) {
            folder = resumed != null ? resumed : RunFolder.create(dir);
            return new SweepRun(args, jmh, plan, folder, resumed != null, out, err).execute();
        }
    }

    private static CommandLineOptions jmhOptions(LauncherArgs args) throws UsageException {
        CommandLineOptions cl;
        try {
            cl = new CommandLineOptions(args.jmh.toArray(String[]::new));
        } catch (CommandLineOptionException e) {
            throw new UsageException(e.getMessage().lines().findFirst().orElse("bad JMH option"));
        }
        if (cl.getForkCount().hasValue() && cl.getForkCount().get() == 0) {
            throw new UsageException("-f 0: every cell must run in its own forked JVM (crash isolation, and thread"
                    + " settings that libraries read once per process); use -f 1 or more");
        }
        return cl;
    }

    private void listOnly(LauncherArgs args, CommandLineOptions jmh) throws UsageException {
        Runner runner = new Runner(jmh);
        if (args.jmh.contains("-lp")) {
            runner.listWithParams(jmh);
        } else {
            runner.list();
        }
        out.println("Parameters (-p name=v1,v2; validated by the launcher):");
        for (Parameter p : Parameter.values()) {
            out.printf(Locale.ROOT, "  %-10s default %-12s %s; valid: %s%n", p.key(), p.defaultValue(),
                    p.description(), p.validValues());
        }
    }

    static List<String> benchmarks(LauncherArgs args) throws UsageException {
        if (args.regexes.isEmpty()) {
            return List.of(DEFAULT_BENCHMARK);
        }
        SortedSet<BenchmarkListEntry> found = BenchmarkList.defaultList().find(
                OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), args.regexes, List.of());
        // The pipeline benchmark is --profile's stage breakdown, not a cell: a regex such as "Inference" keeps off it.
        List<String> names = found.stream().map(BenchmarkListEntry::getUsername).distinct()
                .filter(n -> !n.equals(ProfileStep.PIPELINE_BENCHMARK)).toList();
        // The serving benchmark is what a cell's scenario chooses (Plan), not a benchmark of its own to select.
        if (names.contains(SERVE_BENCHMARK) && !names.contains(DEFAULT_BENCHMARK)) {
            names = java.util.stream.Stream.concat(names.stream().filter(n -> !n.equals(SERVE_BENCHMARK)),
                    java.util.stream.Stream.of(DEFAULT_BENCHMARK)).toList();
        } else {
            names = names.stream().filter(n -> !n.equals(SERVE_BENCHMARK)).toList();
        }
        if (names.isEmpty()) {
            throw new UsageException("no benchmark matches " + String.join(" ", args.regexes)
                    + "; list them with -l");
        }
        return names;
    }

    private void printDryRun(Plan plan) {
        out.printf(Locale.ROOT, "sweep %s: %d cells, %d to run, %d pruned%n", plan.sweep.name(), plan.cells.size(),
                plan.toRun().size(), plan.pruned().size());
        for (Plan.Cell c : plan.cells) {
            out.printf(Locale.ROOT, "  [%d] %s  %s%n", c.index(), TerminalText.oneLine(c.config().label()),
                    c.capability().supported() ? "run" : "PRUNED: " + c.capability().reason());
        }
        int serving = (int) plan.toRun().stream().filter(Plan::serving).count();
        out.printf(Locale.ROOT, "estimated duration: %s (%d rounds of one fork per cell, %s per closed-loop fork);"
                + " nothing was run (--dry-run)%n", plan.estimate(plan.toRun().size() * plan.rounds,
                serving * plan.rounds), plan.rounds, Durations.format(plan.secondsPerFork));
    }

    private static Path newRunDir(LauncherArgs args) {
        String id = args.runId;
        if (id == null) {
            String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
                    .format(Instant.now().atZone(ZoneOffset.UTC));
            id = stamp + "-" + safeHost();
        }
        return Path.of(args.out).resolve(id);
    }

    private static String safeHost() {
        try {
            return InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "_");
        } catch (IOException e) {
            return "host";
        }
    }
}
