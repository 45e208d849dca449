package dev.infbench.harness.merge;

import dev.infbench.format.EnvFile;
import dev.infbench.format.ForkMetrics;
import dev.infbench.harness.HarnessException;
import dev.infbench.harness.metrics.Cell;
import dev.infbench.harness.metrics.CellMetrics;
import dev.infbench.harness.pick.BestPicks;
import dev.infbench.harness.read.Cells;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Merges run folders into one cross-hardware table and picks each machine's best cells. */
public final class RunMerger {

    private RunMerger() {
    }

    /**
     * Reads every run folder (journal.jsonl and env.json), latest entry per cell, and picks each machine's best
     * configurations with a latency SLA of {@code slaMs}.
     *
     * @throws HarnessException when a folder, journal or env.json is missing or malformed
     */
    public static MergedRuns merge(List<Path> runDirs, double slaMs) {
        if (runDirs.isEmpty()) {
            throw new HarnessException("merge needs at least one run folder");
        }
        List<MergedRow> rows = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<String, Machine> machines = new LinkedHashMap<>();
        for (Path runDir : runDirs) {
            Cells journal = Cells.run(runDir);
            warnings.addAll(journal.warnings());
            EnvFile env = EnvFile.read(runDir);
            String run = runDir.toAbsolutePath().normalize().getFileName() == null ? runDir.toString()
                    : runDir.toAbsolutePath().normalize().getFileName().toString();
            for (Cell entry : journal.cells()) {
                Optional<CellMetrics> metrics = entry.status().measured() ? entry.metrics() : Optional.empty();
                MergedRow row = new MergedRow(run, env, entry.params() == null ? Map.of() : entry.params(),
                        entry.status(), metrics.map(CellMetrics::p50Ms).orElse(null),
                        metrics.map(CellMetrics::p99Ms).orElse(null),
                        metrics.map(CellMetrics::throughputPerS).orElse(null),
                        metrics.flatMap(CellMetrics::load).map(l -> l.median(ForkMetrics.LOAD_MAX_RATE_PER_S))
                                .orElse(null));
                rows.add(row);
                machines.computeIfAbsent(row.machine(), key -> new Machine(env)).add(run, entry);
            }
        }
        List<MachinePicks> picks = new ArrayList<>();
        machines.forEach((key, machine) -> picks.add(new MachinePicks(key, machine.env,
                new ArrayList<>(machine.runs), BestPicks.of(machine.cells, key, slaMs, null), machine.runOf)));
        return new MergedRuns(rows, picks, slaMs, warnings);
    }

    /** The cells of one machine across its runs, renumbered so that no two share an index. */
    private static final class Machine {
        final EnvFile env;
        final List<Cell> cells = new ArrayList<>();
        final Map<Cell, String> runOf = new IdentityHashMap<>();
        /** The machine's runs in the order given (an identity map has no order of its own). */
        final Set<String> runs = new LinkedHashSet<>();

        Machine(EnvFile env) {
            this.env = env;
        }

        void add(String run, Cell e) {
            Cell renumbered = e.withIndex(cells.size() + 1);
            cells.add(renumbered);
            runOf.put(renumbered, run);
            runs.add(run);
        }
    }
}
