package dev.infbench.launcher;

import dev.infbench.env.EnvironmentProbe;
import dev.infbench.env.FileErrors;
import dev.infbench.env.Fingerprint;
import dev.infbench.env.Hygiene;
import dev.infbench.format.CellStatus;
import dev.infbench.format.JournalEntry;
import dev.infbench.format.RunLayout;
import dev.infbench.format.RunManifest;
import dev.infbench.format.Schemas;
import dev.infbench.harness.metrics.Cell;
import dev.infbench.harness.report.html.RunReport;
import dev.infbench.harness.report.table.SummaryTable;
import dev.infbench.harness.report.text.TerminalText;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * One run of a plan's cells into a run folder: the environment and the manifest first, then each cell in its own
 * forks with its outcome journaled the moment it is known, then the derived files, the report and the summary. A
 * write that fails (a full disk, a folder made read-only) ends the run with one line saying what the journal kept
 * and how to finish it, and no half-written file.
 */
final class SweepRun {
    private final LauncherArgs args;
    private final CommandLineOptions jmh;
    private final Plan plan;
    private final RunFolder folder;
    private final boolean resuming;
    private final PrintStream out;
    private final PrintStream err;

    SweepRun(LauncherArgs args, CommandLineOptions jmh, Plan plan, RunFolder folder, boolean resuming,
             PrintStream out, PrintStream err) {
        this.args = args;
        this.jmh = jmh;
        this.plan = plan;
        this.folder = folder;
        this.resuming = resuming;
        this.out = out;
        this.err = err;
    }

    /** Runs the cells; returns the launcher's exit status. */
    int execute() throws RunFolderWriteException {
        try {
            return cells();
        } catch (IOException e) {
            throw RunFolderWriteException.of(folder, e);
        } catch (UncheckedIOException e) {
            throw RunFolderWriteException.of(folder, e.getCause());
        }
    }

    private int cells() throws IOException {
        Instant started = Instant.now();
        RunManifest manifest = resuming ? RunManifest.read(folder.dir).orElseThrow(() -> new IOException(
                RunLayout.RUN + " disappeared")).resumed(started.toString())
                : RunManifest.starting(args.raw, plan.sweep.name(), started.toString(), fileSchemas());
        Map<String, Object> env = EnvironmentProbe.describe(ModelPreparation.hashes(plan,
                RunLayout.modelsLog(folder.dir)));
        List<String> warnings = new ArrayList<>();
        if (resuming) {
            Map<String, Object> original = folder.env();
            if (!Fingerprint.hardwareKey(original).equals(Fingerprint.hardwareKey(env))) {
                warnings.add("resumed on different hardware (key " + Fingerprint.hardwareKey(env) + ", the run began"
                        + " on " + Fingerprint.hardwareKey(original) + "): its cells are not comparable");
            }
            warnings.addAll(Hygiene.warnings(env, original));
            env = original;
        } else {
            warnings.addAll(Hygiene.warnings(env, Hygiene.previousEnv(folder.dir.toAbsolutePath().getParent(),
                    Fingerprint.hardwareKey(env), folder.dir.toAbsolutePath()).orElse(null)));
            folder.writeJson(RunLayout.ENV, env);
        }
        for (String w : warnings) {
            manifest = manifest.withWarning(w);
            err.println("infbench: warning: " + w);
        }
        ManifestKeeper keeper = new ManifestKeeper(folder, manifest);
        keeper.write(manifest);
        Thread hook = new Thread(keeper::interrupted, "infbench-interrupted");
        Runtime.getRuntime().addShutdownHook(hook);

        Map<String, JournalEntry> done = folder.cells().stream()
                .collect(Collectors.toMap(JournalEntry::key, Function.identity(), (a, b) -> b, LinkedHashMap::new));
        out.printf(Locale.ROOT, "infbench: %s run folder %s%n", resuming ? "resuming" : "writing", folder.dir);
        for (Plan.Cell c : plan.pruned()) {
            if (!done.containsKey(c.key())) {
                JournalEntry e = JournalEntry.pruned(c.index(), c.key(), c.config().params(), c.capability().reason(),
                        Instant.now().toString());
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
                    folder.file(RunLayout.CELL_REPORT));
            double wall = (Instant.now().toEpochMilli() - cellStart.toEpochMilli()) / 1000.0;
            spent += wall;
            if (o.status() == CellStatus.FAILED && FileErrors.diskFull(o.reason())) {
                // Not the cell's fault: it is left out of the journal, so that --resume runs it again.
                throw new IOException("No space left on device (the fork of cell " + c.index()
                        + " could not write its report)");
            }
            JournalEntry e = JournalEntry.ran(c.index(), c.key(), c.config().params(), o.status(), o.reason(),
                    cellStart.toString(), Instant.now().toString(), wall).withEffective(o.effective())
                    .withMismatches(o.mismatches()).withAccuracy(o.accuracy())
                    .withRerun(RerunCommand.of(c, args.jmh)).withJmh(o.jmh());
            folder.append(e);
            done.put(c.key(), e);
            folder.writeDerived(done.values().stream().sorted(Comparator.comparingInt(JournalEntry::index)).toList());
            out.printf(Locale.ROOT, "[%d/%d] %s%n", i + 1, todo.size(), outcomeLine(e, wall));
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
        long pruned = cells.stream().filter(e -> e.status() == CellStatus.PRUNED).count();
        long missing = plan.toRun().stream().filter(c -> !done.containsKey(c.key())).count();
        int status = measured > 0 && failed == 0 && missing == 0 ? Launcher.OK : Launcher.FAILED;

        out.println();
        out.print(SummaryTable.render(Cell.all(cells)));
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
            folder.writeJson(RunLayout.ENV, env);
        }
        manifest = keeper.current();
        if (manifest.warnings() != null && !manifest.warnings().isEmpty()) {
            out.println();
            out.println("Machine warnings (timings may not be comparable):");
            manifest.warnings().forEach(w -> out.println("  " + w));
        }
        keeper.finish(manifest.ended(missing == 0 ? RunManifest.State.COMPLETE : RunManifest.State.PARTIAL,
                Instant.now().toString(), new RunManifest.Counts(plan.cells.size(), measured, failed, pruned, missing),
                status, loadEnd));
        Runtime.getRuntime().removeShutdownHook(hook);
        out.printf(Locale.ROOT, "%nrun folder: %s (%d measured, %d failed, %d pruned); exit status %d%n", folder.dir,
                measured, failed, pruned, status);
        if (status != Launcher.OK) {
            err.println("infbench: " + (measured == 0 ? "no cell ran" : failed + " cell(s) failed")
                    + "; see the FAILED rows above and " + folder.dir.resolve(RunLayout.LOGS));
        }
        return status;
    }

    /** The layout version of each file the run writes, recorded in run.json. */
    private static Map<String, Object> fileSchemas() {
        Map<String, Object> schemas = new LinkedHashMap<>();
        schemas.put(RunLayout.RUN, Schemas.RUN);
        schemas.put(RunLayout.JOURNAL, Schemas.JOURNAL);
        schemas.put(RunLayout.ENV, Schemas.ENV);
        schemas.put(RunLayout.JMH, "JMH " + EnvironmentProbe.version("jmh") + " JSON");
        schemas.put(RunLayout.RESULTS_CSV, Schemas.RESULTS_CSV);
        return schemas;
    }

    private String outcomeLine(JournalEntry e, double wall) {
        if (e.status() == CellStatus.FAILED) {
            return String.format(Locale.ROOT, "FAILED after %s: %s (log: %s)", Durations.format(wall), e.reason(),
                    folder.log(e.index()));
        }
        return SummaryTable.line(Cell.of(e)) + "  (" + Durations.format(wall) + ")";
    }

    /** Keeps run.json honest when the run is interrupted (Ctrl-C, SIGTERM, a failed write): "interrupted". */
    private static final class ManifestKeeper {
        private final RunFolder folder;
        private RunManifest manifest;
        private boolean finished;

        ManifestKeeper(RunFolder folder, RunManifest manifest) {
            this.folder = folder;
            this.manifest = manifest;
        }

        synchronized RunManifest current() {
            return manifest;
        }

        synchronized void write(RunManifest m) throws IOException {
            manifest = m;
            folder.writeJson(RunLayout.RUN, m);
        }

        synchronized void finish(RunManifest m) throws IOException {
            finished = true;
            write(m);
        }

        synchronized void interrupted() {
            if (finished) {
                return;
            }
            try {
                write(manifest.interrupted(Instant.now().toString()));
            } catch (IOException e) {
                // The journal is the record; run.json is a summary of it.
            }
        }
    }
}
