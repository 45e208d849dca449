package dev.infbench.launcher;

import dev.infbench.env.EnvironmentProbe;
import dev.infbench.env.FileErrors;
import dev.infbench.env.Fingerprint;
import dev.infbench.env.Hygiene;
import dev.infbench.format.CellStatus;
import dev.infbench.format.Journal;
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
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * One run of a plan's cells into a run folder: the environment and the manifest first, then the cells in interleaved
 * rounds (each round one fork of every cell in play, in an order shuffled per round: see {@link RoundOrder}), every
 * fork journaled the moment it ends, then the derived files, the report and the summary. A
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
        // The budget counts from here: model preparation and the environment probe are part of the run's time.
        long begin = System.nanoTime();
        RunManifest manifest = resuming ? RunManifest.read(folder.dir).orElseThrow(() -> new IOException(
                RunLayout.RUN + " disappeared")).resumed(started.toString())
                : RunManifest.starting(args.raw, plan.sweep.name(), started.toString(), fileSchemas(),
                        new RunManifest.Rounds(plan.rounds, args.seed != null ? args.seed
                                : new java.security.SecureRandom().nextLong(), args.budget(), null, null))
                        .withBatchSearch(args.search());
        // A resumed run keeps its seed, so its remaining rounds run in the order they were planned in.
        long seed = manifest.rounds() != null ? manifest.rounds().shuffleSeed() : 0L;
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

        // The machine's peaks, once per run before the first cell (a resumed run keeps its first): part of the run's
        // time, so its cost counts in the efficiency.
        if (!args.noPeak && !(resuming && java.nio.file.Files.isRegularFile(folder.file(RunLayout.PEAK)))) {
            out.println("infbench: " + TerminalText.oneLine(PeakStep.line(PeakStep.measure(folder))));
        }

        Map<String, Journal.CellLines> state = new LinkedHashMap<>();
        folder.journal().cells().forEach(c -> state.put(c.key(), c));
        out.printf(Locale.ROOT, "infbench: %s run folder %s%n", resuming ? "resuming" : "writing", folder.dir);
        if (folder.droppedTail() != null) {
            err.println("infbench: warning: " + TerminalText.oneLine(folder.droppedTail()));
        }
        for (Plan.Cell c : plan.pruned()) {
            if (!state.containsKey(c.key())) {
                JournalEntry e = JournalEntry.pruned(c.index(), c.key(), c.config().params(), c.capability().reason(),
                        Instant.now().toString());
                folder.append(e);
                state.put(c.key(), new Journal.CellLines(c.key(), List.of(e)));
                out.printf(Locale.ROOT, "pruned [%d] %s: %s%n", c.index(), TerminalText.oneLine(c.config().label()),
                        TerminalText.oneLine(c.capability().reason()));
            }
        }
        // A cell whose attempt failed stays failed, unless --retry-failed starts it afresh (from round 1).
        List<Plan.Cell> inPlay = new ArrayList<>();
        Map<String, List<JournalEntry>> attempt = new LinkedHashMap<>();
        int already = 0;
        for (Plan.Cell c : plan.toRun()) {
            Journal.CellLines prior = state.get(c.key());
            if (prior != null && prior.lines().stream().allMatch(e -> e.status() == CellStatus.PRUNED)) {
                already++; // pruned by a batch search before the run was resumed
                continue;
            }
            boolean fresh = prior == null || !prior.forked() || (prior.failed() && args.retryFailed);
            if (!fresh && prior.failed()) {
                already++;
                continue;
            }
            attempt.put(c.key(), new ArrayList<>(fresh ? List.of() : prior.lines()));
            if (fresh || prior.rounds().size() < plan.rounds) {
                inPlay.add(c);
            } else {
                already++;
            }
        }
        BatchSearch search = args.batchSearch ? new BatchSearch(args.search(), plan.toRun()) : null;
        if (search != null) {
            // A resumed search: a first fork already journaled may have stopped its configuration.
            for (Plan.Cell c : inPlay.stream().sorted(java.util.Comparator.comparingInt(x -> x.config().batch()))
                    .toList()) {
                if (inPlay.contains(c)) {
                    search.stop(c, attempt.get(c.key()), plan.rounds)
                            .ifPresent(why -> pruneLarger(search, c, why, state, attempt, inPlay));
                }
            }
        }
        int forksLeft = inPlay.stream().mapToInt(c -> plan.rounds - attempt.get(c.key()).size()).sum();
        int servingForksLeft = inPlay.stream().filter(Plan::serving)
                .mapToInt(c -> plan.rounds - attempt.get(c.key()).size()).sum();
        out.printf(Locale.ROOT, "%d cells: %d to run now, %d already in the journal, %d pruned; %d fork%s in %d"
                + " interleaved round%s (shuffle seed %d); estimated %s%n", plan.cells.size(), inPlay.size(), already,
                plan.pruned().size(), forksLeft, forksLeft == 1 ? "" : "s", plan.rounds, plan.rounds == 1 ? "" : "s",
                seed, plan.estimate(forksLeft, servingForksLeft));

        CellRunner runner = new CellRunner(jmh, args.verbose, args.sla());
        Double budget = args.budget();
        double spent = 0;
        double iterationSeconds = 0;
        int ran = 0;
        double spentClosed = 0; // the closed loops' own time, for their estimate; serving forks say theirs apart
        int ranClosed = 0;
        int ranServing = 0;
        int round = 0;
        // The last round a fork ran in: a budget can end a round part-way, and that round still counts as run.
        int lastRound = 0;
        String ended = null;
        Set<String> shortOfRounds = new java.util.TreeSet<>();
        schedule:
        while (true) {
            round++;
            List<Plan.Cell> roundCells = new ArrayList<>();
            Set<String> racing = round > plan.rounds && budget != null
                    ? Race.inPlay(Cell.all(folder.cells()), args.sla()) : Set.of();
            for (Plan.Cell c : inPlay) {
                List<JournalEntry> lines = attempt.get(c.key());
                if (lines.stream().anyMatch(e -> e.status() == CellStatus.FAILED)) {
                    continue;
                }
                int r = round;
                boolean done = lines.stream().anyMatch(e -> e.round() == r);
                if (!done && (round <= requiredRounds(lines) || racing.contains(c.key()))) {
                    roundCells.add(c);
                }
            }
            int lastNeeded = inPlay.stream().map(c -> attempt.get(c.key()))
                    .filter(l -> l.stream().noneMatch(e -> e.status() == CellStatus.FAILED))
                    .mapToInt(this::requiredRounds).max().orElse(0);
            if (roundCells.isEmpty() && round < lastNeeded) {
                continue; // a resumed run: this round is complete, a later one is not
            }
            if (roundCells.isEmpty()) {
                ended = round > plan.rounds && budget != null ? "every pick resolved"
                        : "the minimum rounds ran";
                break;
            }
            if (round > MAX_ROUNDS) {
                ended = "the round cap (" + MAX_ROUNDS + ")";
                break;
            }
            List<Plan.Cell> order = RoundOrder.of(roundCells, seed, round);
            java.util.Deque<Plan.Cell> queue = new java.util.ArrayDeque<>(search != null && round == 1
                    ? search.ascending(order) : order);
            // A batch search with a memory budget runs a cell's first serving fork (round 2) right after its first.
            Set<String> servingNow = new java.util.HashSet<>();
            if (search != null && round == 1 && search.judgesMemory() && plan.rounds >= 2) {
                // A resumed search: a cell whose first fork is in but not its serving fork runs that first, ascending,
                // before any larger batch of its configuration.
                List<Plan.Cell> waiting = inPlay.stream().filter(c -> {
                    List<JournalEntry> l = attempt.get(c.key());
                    return l.size() == 1 && l.get(0).status().measured() && l.get(0).round() != null
                            && l.get(0).round() == 1;
                }).sorted(java.util.Comparator.comparingInt((Plan.Cell c) -> c.config().batch()).reversed()).toList();
                for (Plan.Cell c : waiting) {
                    servingNow.add(c.key());
                    queue.addFirst(c);
                }
            }
            while (!queue.isEmpty()) {
                Plan.Cell c = queue.poll();
                int forkRound = servingNow.remove(c.key()) ? 2 : round;
                if (!inPlay.contains(c)) {
                    continue; // pruned by the batch search during this round
                }
                List<JournalEntry> lines = attempt.get(c.key());
                if (lines.stream().anyMatch(x -> x.round() != null && x.round() == forkRound)) {
                    continue; // its serving fork ran early, for the batch search
                }
                double perFork = ranClosed == 0 ? plan.secondsPerFork : spentClosed / ranClosed;
                double elapsed = (System.nanoTime() - begin) / 1e9;
                if (budget != null && elapsed + perFork > budget) {
                    ended = "budget spent";
                    for (Plan.Cell short_ : inPlay) {
                        List<JournalEntry> l = attempt.get(short_.key());
                        if (l.stream().noneMatch(e -> e.status() == CellStatus.FAILED)
                                && l.size() < requiredRounds(l)) {
                            shortOfRounds.add("#" + short_.index() + " (" + l.size() + " of " + requiredRounds(l)
                                    + ")");
                        }
                    }
                    break schedule;
                }
                int left = forksLeft - ran;
                int servingLeft = Math.max(0, servingForksLeft - ranServing);
                String at = String.format(Locale.ROOT, "[%d/%d]", ran + 1, Math.max(ran + 1, forksLeft));
                out.printf(Locale.ROOT, "%s cell %d: %s (round %d%s, elapsed %s%s)%n", at, c.index(),
                        TerminalText.oneLine(c.config().label()), forkRound, forkRound <= plan.rounds
                                ? "/" + plan.rounds + (forkRound != round ? ", now for the batch search's memory" : "")
                                : racing.contains(c.key()) ? ", racing" : ", one more: too few calls in the first",
                        Durations.format(spent), left > 0 ? ", ~" + plan.remaining(left, servingLeft, perFork) + " left" : "");
                Instant forkStart = Instant.now();
                boolean first = lines.isEmpty();
                double measurement = first ? plan.measurementSeconds : plan.measurementSeconds * stretch(lines);
                CellRunner.Outcome o = runner.run(c.benchmark(), c.config(), forkRound, first, folder.log(c.index()),
                        folder.file(RunLayout.CELL_REPORT), RunLayout.forkOutputs(folder.dir, c.index()),
                        first ? null : measurement);
                double wall = (Instant.now().toEpochMilli() - forkStart.toEpochMilli()) / 1000.0;
                spent += wall;
                ran++;
                if (Plan.serving(c)) {
                    ranServing++;
                } else {
                    spentClosed += wall;
                    ranClosed++;
                }
                lastRound = round;
                if (o.status() == CellStatus.FAILED && FileErrors.diskFull(o.reason())) {
                    // Not the cell's fault: the fork is left out of the journal, so that --resume runs it again.
                    throw new IOException("No space left on device (the fork of cell " + c.index()
                            + " could not write its report)");
                }
                if (o.jmh() != null) {
                    iterationSeconds += plan.iterationSeconds + plan.measurementIterations
                            * (measurement - plan.measurementSeconds);
                }
                JournalEntry e = JournalEntry.fork(c.index(), c.key(), forkRound, c.config().params(), o.status(),
                        o.reason(), forkStart.toString(), Instant.now().toString(), wall).withEffective(o.effective())
                        .withMismatches(o.mismatches()).withAccuracy(o.accuracy())
                        .withRerun(RerunCommand.of(c, args.jmh)).withJmh(o.jmh()).withProbe(o.probe());
                folder.append(e);
                lines.add(e);
                out.printf(Locale.ROOT, "%s %s%n", at, outcomeLine(e, wall));
                if (search != null && lines.size() <= 2) {
                    int before = inPlay.size();
                    Optional<String> stop = search.stop(c, lines, plan.rounds);
                    stop.ifPresent(why -> pruneLarger(search, c, why, state, attempt, inPlay));
                    forksLeft -= (before - inPlay.size()) * plan.rounds;
                    if (stop.isEmpty() && first && search.judgesMemory() && plan.rounds >= 2
                            && e.status().measured()) {
                        servingNow.add(c.key());
                        queue.addFirst(c);
                    }
                }
                folder.writeDerived(folder.cells());
            }
        }
        double wallSeconds = (System.nanoTime() - begin) / 1e9;
        if (!shortOfRounds.isEmpty()) {
            String w = "the budget (" + Durations.format(budget) + ") ran out before every cell had its minimum rounds:"
                    + " " + String.join(", ", shortOfRounds) + "; their figures rest on fewer forks";
            keeper.write(keeper.current().withWarning(w));
            err.println("infbench: warning: " + w);
        }
        RunManifest.Rounds schedule = keeper.current().rounds();
        if (schedule != null) {
            keeper.write(keeper.current().withSchedule(schedule.ended(Math.max(lastRound, round - 1),
                    ended), wallSeconds > 0
                    ? new RunManifest.Efficiency(round(iterationSeconds), round(wallSeconds),
                    round(iterationSeconds / wallSeconds)) : null));
        }
        out.printf(Locale.ROOT, "%d fork%s in %s: %s; %.0f%% of the time in JMH iterations%n", ran,
                ran == 1 ? "" : "s", Durations.format(wallSeconds), ended, wallSeconds > 0
                        ? 100 * iterationSeconds / wallSeconds : 0.0);

        if (args.profile) {
            // After the measured rounds, outside them and outside the efficiency: profiles are not measurements.
            long profileStart = System.nanoTime();
            try {
                ProfileStep.run(folder, folder.cells(), runner, out);
            } catch (IOException | RuntimeException e) {
                // The measured cells are in the journal; a profile that breaks must not cost them their report.
                err.println("infbench: the profiles stopped (" + TerminalText.oneLine(String.valueOf(e.getMessage()))
                        + "); the measured cells are kept and reported");
            }
            out.printf(Locale.ROOT, "profiles in %s (%s)%n", Durations.format((System.nanoTime() - profileStart)
                    / 1e9), folder.dir.resolve(RunLayout.PROFILES));
        }
        List<JournalEntry> cells = folder.cells();
        folder.writeDerived(cells);
        try {
            // The same code as `harness report`: every run folder has its report, charts and picks.
            RunReport.Written report = RunReport.write(folder.dir, args.sla());
            report.warnings().forEach(w -> err.println("infbench: warning: " + w));
            report.notes().forEach(n -> err.println("infbench: note: " + n));
        } catch (RuntimeException e) {
            // The journal and the CSV are written; a report that cannot be drawn must not cost the run.
            err.println("infbench: the report could not be written (" + e.getMessage() + "); rerun `harness report "
                    + folder.dir + "`");
        }
        long measured = cells.stream().filter(e -> e.status().measured()).count();
        long failed = cells.stream().filter(e -> e.status() == CellStatus.FAILED).count();
        // A batch search that ran out of memory found its limit: that cell is the search's answer, not a failure.
        // Only a failure that stopped a search counts so: its larger batches are pruned naming it.
        long searchLimits = search == null ? 0 : cells.stream().filter(e -> e.status() == CellStatus.FAILED
                && FailureCause.outOfMemory(e.reason()) && cells.stream().anyMatch(p -> p.status() == CellStatus.PRUNED
                && BatchSearch.stoppedBy(p.reason(), e.index()))).count();
        long pruned = cells.stream().filter(e -> e.status() == CellStatus.PRUNED).count();
        java.util.Set<String> present = cells.stream().map(JournalEntry::key).collect(Collectors.toSet());
        long missing = plan.toRun().stream().filter(c -> !present.contains(c.key())).count();
        int status = measured > 0 && failed == searchLimits && missing == 0 ? Launcher.OK : Launcher.FAILED;

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

    /**
     * Prunes the larger batches of {@code c}'s configuration that have no line in the journal yet, each with
     * {@code why}, and takes them out of play.
     */
    private void pruneLarger(BatchSearch search, Plan.Cell c, String why, Map<String, Journal.CellLines> state,
                             Map<String, List<JournalEntry>> attempt, List<Plan.Cell> inPlay) {
        List<String> pruned = new ArrayList<>();
        for (Plan.Cell larger : search.larger(c)) {
            // A batch with a fork in the journal keeps it: a line that prunes it would hide what it measured.
            if (!inPlay.contains(larger) || !attempt.getOrDefault(larger.key(), List.of()).isEmpty()) {
                continue;
            }
            JournalEntry e = JournalEntry.pruned(larger.index(), larger.key(), larger.config().params(), why,
                    Instant.now().toString());
            try {
                folder.append(e);
            } catch (IOException x) {
                throw new UncheckedIOException(x);
            }
            state.put(larger.key(), new Journal.CellLines(larger.key(), List.of(e)));
            inPlay.remove(larger);
            pruned.add(String.valueOf(larger.config().batch()));
        }
        if (!pruned.isEmpty()) {
            out.printf(Locale.ROOT, "%s; not run: batch %s%n", TerminalText.oneLine(why),
                    String.join(", ", pruned));
        }
    }

    /** Beyond this many rounds racing stops, resolved or not. */
    static final int MAX_ROUNDS = 12;
    /** Calls a fork should time, at least: twice what its own p50 needs (see the tail rule). */
    static final int MIN_CALLS_PER_FORK = 40;
    /** The most a later fork's measurement iterations are lengthened to reach {@link #MIN_CALLS_PER_FORK}. */
    static final int MAX_STRETCH = 8;

    /**
     * The rounds a cell needs: the minimum, and one more when its first fork timed too few calls for a p50 of its
     * own (its later forks are longer, see {@link #stretch}), so that it has two forks with a p50 each.
     */
    private int requiredRounds(List<JournalEntry> lines) {
        return plan.rounds + (firstForkCalls(lines) < dev.infbench.harness.metrics.CellMetrics.minSamples(0.5) ? 1 : 0);
    }

    /** How much longer a later fork's measurement iterations are than the first fork's: enough for the calls. */
    static int stretch(List<JournalEntry> lines) {
        long calls = firstForkCalls(lines);
        if (calls >= MIN_CALLS_PER_FORK || calls <= 0) {
            return 1;
        }
        return (int) Math.min(MAX_STRETCH, (MIN_CALLS_PER_FORK + calls - 1) / calls);
    }

    /** The calls the cell's first fork timed (its histogram's count), or Long.MAX_VALUE when unknown. */
    private static long firstForkCalls(List<JournalEntry> lines) {
        if (lines.isEmpty() || lines.get(0).jmh() == null) {
            return Long.MAX_VALUE;
        }
        dev.infbench.harness.stats.SampleHistogram calls = dev.infbench.harness.jmh.JmhHistogram.sample(
                lines.get(0).jmh());
        return calls == null ? Long.MAX_VALUE : calls.count();
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
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
