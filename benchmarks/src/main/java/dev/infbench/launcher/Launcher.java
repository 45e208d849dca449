package dev.infbench.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.infbench.backend.Backends;
import dev.infbench.bench.InferenceBenchmark;
import dev.infbench.config.CellConfig;
import dev.infbench.config.Parameter;
import dev.infbench.config.ParameterDefaults;
import dev.infbench.config.Sweep;
import dev.infbench.config.UsageException;
import dev.infbench.env.EnvironmentProbe;
import dev.infbench.env.FileErrors;
import dev.infbench.env.Fingerprint;
import dev.infbench.env.Hygiene;
import dev.infbench.model.ModelCatalog;
import dev.infbench.model.ModelSpec;
import dev.infbench.model.ModelVariant;
import dev.infbench.harness.html.RunReport;
import dev.infbench.harness.report.SummaryTable;
import dev.infbench.harness.report.TerminalText;
import dev.infbench.harness.run.CellStatus;
import dev.infbench.harness.run.JournalEntry;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.function.Function;
import java.util.stream.Collectors;
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
    /** Layout version of run.json. */
    static final int RUN_SCHEMA = 1;
    static final String DEFAULT_BENCHMARK = InferenceBenchmark.class.getName() + ".infer";

    private final PrintStream out;
    private final PrintStream err;
    /** The run folder once there is one, so that a failure can say what was kept. */
    private RunFolder folder;

    Launcher(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
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
        System.exit(status);
    }

    /** What a failure leaves behind: nothing, or the journal of the cells measured so far. */
    private String whatWasKept() {
        return folder == null ? " (nothing was run)" : " (the cells measured so far are kept in " + folder.dir
                .resolve(RunFolder.JOURNAL) + "; finish the run with --resume " + folder.dir + ")";
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
                LauncherArgs original = LauncherArgs.parse(commandLineOf(resumed));
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
        Plan plan = Plan.of(args.sweep(), benchmarks(args), jmh);
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
            return execute(args, jmh, plan, folder, resumed != null);
        }
    }

    private static List<String> commandLineOf(RunFolder folder) throws IOException, UsageException {
        JsonNode cmd = folder.readJson(RunFolder.RUN).path("command_line");
        if (!cmd.isArray()) {
            throw new UsageException("--resume " + folder.dir + ": run.json has no command_line");
        }
        List<String> list = new ArrayList<>();
        cmd.forEach(n -> list.add(n.asText()));
        // The original --out/--run-id named this very folder; --resume names it now.
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String a = list.get(i);
            if (a.equals("--out") || a.equals("--run-id")) {
                i++;
            } else if (!a.startsWith("--out=") && !a.startsWith("--run-id=")) {
                kept.add(a);
            }
        }
        return kept;
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

    private static List<String> benchmarks(LauncherArgs args) throws UsageException {
        if (args.regexes.isEmpty()) {
            return List.of(DEFAULT_BENCHMARK);
        }
        SortedSet<BenchmarkListEntry> found = BenchmarkList.defaultList().find(
                OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), args.regexes, List.of());
        List<String> names = found.stream().map(BenchmarkListEntry::getUsername).distinct().toList();
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
        out.printf(Locale.ROOT, "estimated duration: %s (%s per cell); nothing was run (--dry-run)%n",
                Durations.format(plan.toRun().size() * plan.secondsPerCell), Durations.format(plan.secondsPerCell));
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

    /**
     * Runs the cells into the folder. A write that fails (a full disk, a folder made read-only) ends the run with one
     * line saying what the journal kept and how to finish it, and no half-written file.
     */
    private int execute(LauncherArgs args, CommandLineOptions jmh, Plan plan, RunFolder folder, boolean resuming)
            throws RunFolderWriteException {
        try {
            return executeCells(args, jmh, plan, folder, resuming);
        } catch (IOException e) {
            throw RunFolderWriteException.of(folder, e);
        } catch (java.io.UncheckedIOException e) {
            throw RunFolderWriteException.of(folder, e.getCause());
        }
    }

    private int executeCells(LauncherArgs args, CommandLineOptions jmh, Plan plan, RunFolder folder,
                             boolean resuming) throws IOException {
        Instant started = Instant.now();
        ObjectNode run = resuming ? (ObjectNode) folder.readJson(RunFolder.RUN) : newRunJson(args, plan, started);
        Map<String, Object> env = EnvironmentProbe.describe(modelHashes(plan));
        List<String> warnings = new ArrayList<>();
        if (resuming) {
            run.withArray("resumed_at").add(started.toString());
            Map<String, Object> original = JsonSupport.MAPPER.convertValue(folder.readJson(RunFolder.ENV),
                    JsonSupport.MAPPER.getTypeFactory().constructMapType(Map.class, String.class, Object.class));
            if (!Fingerprint.hardwareKey(original).equals(Fingerprint.hardwareKey(env))) {
                warnings.add("resumed on different hardware (key " + Fingerprint.hardwareKey(env) + ", the run began"
                        + " on " + Fingerprint.hardwareKey(original) + "): its cells are not comparable");
            }
            warnings.addAll(Hygiene.warnings(env, original));
            env = original;
        } else {
            warnings.addAll(Hygiene.warnings(env, Hygiene.previousEnv(folder.dir.toAbsolutePath().getParent(),
                    Fingerprint.hardwareKey(env), folder.dir.toAbsolutePath()).orElse(null)));
            folder.writeJson(RunFolder.ENV, env);
        }
        for (String w : warnings) {
            run.withArray("warnings").add(w);
            err.println("infbench: warning: " + w);
        }
        run.put("state", "running");
        folder.writeJson(RunFolder.RUN, run);
        RunState state = new RunState(folder, run);
        Thread hook = new Thread(state::interrupted, "infbench-interrupted");
        Runtime.getRuntime().addShutdownHook(hook);

        Map<String, JournalEntry> done = folder.cells().stream()
                .collect(Collectors.toMap(JournalEntry::key, Function.identity(), (a, b) -> b, LinkedHashMap::new));
        out.printf(Locale.ROOT, "infbench: %s run folder %s%n", resuming ? "resuming" : "writing", folder.dir);
        for (Plan.Cell c : plan.pruned()) {
            if (!done.containsKey(c.key())) {
                JournalEntry e = pruned(c);
                folder.append(e);
                done.put(c.key(), e);
                out.printf(Locale.ROOT, "pruned [%d] %s: %s%n", c.index(), TerminalText.oneLine(c.config().label()),
                        TerminalText.oneLine(c.capability().reason()));
            }
        }
        List<Plan.Cell> todo = plan.toRun().stream().filter(c -> {
            JournalEntry prior = done.get(c.key());
            return prior == null || (args.retryFailed && prior.status() == CellStatus.FAILED);
        }).toList();
        out.printf(Locale.ROOT, "%d cells: %d to run now, %d already in the journal, %d pruned; estimated %s%n",
                plan.cells.size(), todo.size(), plan.toRun().size() - todo.size(), plan.pruned().size(),
                Durations.format(todo.size() * plan.secondsPerCell));

        CellRunner runner = new CellRunner(jmh, args.verbose);
        double spent = 0;
        for (int i = 0; i < todo.size(); i++) {
            Plan.Cell c = todo.get(i);
            double left = (todo.size() - i) * plan.secondsPerCell * (i == 0 ? 1.0 : spent / (i * plan.secondsPerCell));
            out.printf(Locale.ROOT, "[%d/%d] cell %d: %s (elapsed %s, ~%s left)%n", i + 1, todo.size(), c.index(),
                    TerminalText.oneLine(c.config().label()), Durations.format(spent), Durations.format(left));
            Instant cellStart = Instant.now();
            CellRunner.Outcome o = runner.run(c.benchmark(), c.config(), folder.log(c.index()),
                    folder.file("cell-report.json"));
            double wall = (Instant.now().toEpochMilli() - cellStart.toEpochMilli()) / 1000.0;
            spent += wall;
            if (o.status() == CellStatus.FAILED && FileErrors.diskFull(o.reason())) {
                // Not the cell's fault: it is left out of the journal, so that --resume runs it again.
                throw new IOException("No space left on device (the fork of cell " + c.index()
                        + " could not write its report)");
            }
            JournalEntry e = ran(c, args.jmh, o, cellStart, wall);
            folder.append(e);
            done.put(c.key(), e);
            folder.writeDerived(List.copyOf(done.values()).stream()
                    .sorted(java.util.Comparator.comparingInt(JournalEntry::index)).toList());
            out.printf(Locale.ROOT, "[%d/%d] %s%n", i + 1, todo.size(), outcomeLine(e, wall, folder));
        }

        List<JournalEntry> cells = folder.cells();
        folder.writeDerived(cells);
        try {
            // The same code as `harness report`: every run folder has its report, charts and picks.
            RunReport.write(folder.dir, RunReport.DEFAULT_SLA_MS).notes()
                    .forEach(n -> err.println("infbench: note: " + n));
        } catch (RuntimeException e) {
            // The journal and the CSV are written; a report that cannot be drawn must not cost the run.
            err.println("infbench: the report could not be written (" + e.getMessage() + "); rerun `harness report "
                    + folder.dir + "`");
        }
        long measured = cells.stream().filter(e -> e.status().measured()).count();
        long failed = cells.stream().filter(e -> e.status() == CellStatus.FAILED).count();
        long missing = plan.toRun().stream().filter(c -> !done.containsKey(c.key())).count();
        int status = measured > 0 && failed == 0 && missing == 0 ? OK : FAILED;

        out.println();
        out.print(SummaryTable.render(cells));
        out.println();
        out.println("Rerun one cell:");
        for (JournalEntry e : cells) {
            if (e.status() != CellStatus.PRUNED) {
                out.printf(Locale.ROOT, "  [%d] %s%n", e.index(), e.rerun());
            }
        }
        Map<String, Object> loadEnd = EnvironmentProbe.loadAverage();
        if (!resuming) {
            env.put("load_average_end", loadEnd);
            folder.writeJson(RunFolder.ENV, env);
        }
        run.putPOJO("load_average_end", loadEnd);
        if (run.has("warnings")) {
            out.println();
            out.println("Machine warnings (timings may not be comparable):");
            run.get("warnings").forEach(w -> out.println("  " + w.asText()));
        }
        run.put("state", missing == 0 ? "complete" : "partial");
        run.put("finished_at", Instant.now().toString());
        ObjectNode counts = run.putObject("cells");
        counts.put("total", plan.cells.size());
        counts.put("measured", measured);
        counts.put("failed", failed);
        counts.put("pruned", cells.stream().filter(e -> e.status() == CellStatus.PRUNED).count());
        counts.put("missing", missing);
        run.put("exit_status", status);
        state.finish();
        Runtime.getRuntime().removeShutdownHook(hook);
        out.printf(Locale.ROOT, "%nrun folder: %s (%d measured, %d failed, %d pruned); exit status %d%n", folder.dir,
                measured, failed, counts.get("pruned").asLong(), status);
        if (status != OK) {
            err.println("infbench: " + (measured == 0 ? "no cell ran" : failed + " cell(s) failed")
                    + "; see the FAILED rows above and " + folder.dir.resolve(RunFolder.LOGS));
        }
        return status;
    }

    /**
     * SHA-256 of each model file the run will load: {@code minilm} for fp32, {@code minilm@int8} or
     * {@code minilm@int8.static} for others. Generated variants are made here, before the first fork.
     */
    private static Map<String, String> modelHashes(Plan plan) {
        Map<String, String> hashes = new java.util.TreeMap<>();
        for (Plan.Cell c : plan.toRun()) {
            CellConfig cfg = c.config();
            ModelVariant v = Backends.get(cfg.backend()).variantFor(cfg, ModelCatalog.get(cfg.model()));
            String key = v.precision().equals("fp32") ? cfg.model() : cfg.model() + "@" + v.precision()
                    + (cfg.shape().equals(ParameterDefaults.SHAPE) ? "" : " shape=" + cfg.shape());
            if (!hashes.containsKey(key)) {
                try {
                    hashes.put(key, v.read().sha256());
                } catch (RuntimeException e) {
                    // The cell's fork meets the same error and becomes a FAILED row naming it; the run goes on.
                    hashes.put(key, "not generated: " + e.getMessage());
                }
            }
        }
        return hashes;
    }

    private static String outcomeLine(JournalEntry e, double wall, RunFolder folder) {
        if (e.status() == CellStatus.FAILED) {
            return String.format(Locale.ROOT, "FAILED after %s: %s (log: %s)", Durations.format(wall), e.reason(),
                    folder.log(e.index()));
        }
        return SummaryTable.line(e) + "  (" + Durations.format(wall) + ")";
    }

    private static JournalEntry pruned(Plan.Cell c) {
        return new JournalEntry(JournalEntry.SCHEMA, c.index(), c.key(), c.config().params(), CellStatus.PRUNED,
                c.capability().reason(), null, Instant.now().toString(), null, null, null, null, null, null);
    }

    private static JournalEntry ran(Plan.Cell c, List<String> jmhOptions, CellRunner.Outcome o, Instant started,
                                    double wall) {
        return new JournalEntry(JournalEntry.SCHEMA, c.index(), c.key(), c.config().params(), o.status(), o.reason(),
                started.toString(), Instant.now().toString(), wall, o.effective(),
                o.mismatches().isEmpty() ? null : o.mismatches(), o.accuracy(), rerunCommand(c, jmhOptions), o.jmh());
    }

    /**
     * The one command that reruns just this cell: the run's JMH options, the model, and the parameters that differ
     * from their defaults (with {@code -p}, every parameter not named keeps its default; the model is always named,
     * since without any {@code -p} the default sweep would run).
     */
    static String rerunCommand(Plan.Cell c, List<String> jmhOptions) {
        StringBuilder sb = new StringBuilder("java -jar ").append(jarName());
        jmhOptions.forEach(o -> sb.append(' ').append(shellQuote(o)));
        CellConfig cfg = c.config();
        for (Parameter p : Parameter.values()) {
            if (p == Parameter.MODEL || !cfg.get(p).equals(p.defaultValue())) {
                sb.append(" -p ").append(shellQuote(p.key() + "=" + cfg.get(p)));
            }
        }
        if (!c.benchmark().equals(DEFAULT_BENCHMARK)) {
            sb.append(' ').append(shellQuote("^" + c.benchmark() + "$"));
        }
        return sb.toString();
    }

    private static String shellQuote(String s) {
        return s.matches("[A-Za-z0-9_.,:+=/@%-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    private static String jarName() {
        try {
            Path jar = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path cwd = Path.of("").toAbsolutePath();
            return jar.toString().endsWith(".jar")
                    ? (jar.startsWith(cwd) ? cwd.relativize(jar).toString() : jar.toString())
                    : "benchmarks.jar";
        } catch (Exception e) {
            return "benchmarks.jar";
        }
    }

    private static ObjectNode newRunJson(LauncherArgs args, Plan plan, Instant started) {
        ObjectNode run = JsonSupport.MAPPER.createObjectNode();
        run.put("schema", RUN_SCHEMA);
        run.putPOJO("command_line", args.raw);
        run.put("sweep", plan.sweep.name());
        run.put("started_at", started.toString());
        run.put("state", "running");
        ObjectNode schemas = run.putObject("file_schemas");
        schemas.put("run.json", RUN_SCHEMA);
        schemas.put("journal.jsonl", JournalEntry.SCHEMA);
        schemas.put("env.json", EnvironmentProbe.SCHEMA);
        schemas.put("jmh.json", "JMH " + EnvironmentProbe.version("jmh") + " JSON");
        schemas.put("results.csv", dev.infbench.harness.report.ResultsCsv.SCHEMA);
        return run;
    }

    /** Keeps run.json honest when the run is interrupted (Ctrl-C, SIGTERM): state becomes "interrupted". */
    private static final class RunState {
        private final RunFolder folder;
        private final ObjectNode run;
        private boolean finished;

        RunState(RunFolder folder, ObjectNode run) {
            this.folder = folder;
            this.run = run;
        }

        synchronized void finish() throws IOException {
            finished = true;
            folder.writeJson(RunFolder.RUN, run);
        }

        synchronized void interrupted() {
            if (finished) {
                return;
            }
            run.put("state", "interrupted");
            run.put("finished_at", Instant.now().toString());
            try {
                folder.writeJson(RunFolder.RUN, run);
            } catch (IOException e) {
                // The journal is the record; run.json is a summary of it.
            }
        }
    }
}
