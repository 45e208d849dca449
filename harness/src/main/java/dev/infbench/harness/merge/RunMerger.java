package dev.infbench.harness.merge;

import dev.infbench.harness.HarnessException;
import dev.infbench.harness.compare.RunEnvironment;
import dev.infbench.harness.metrics.CellMetrics;
import dev.infbench.harness.run.CellStatus;
import dev.infbench.harness.run.Journal;
import dev.infbench.harness.run.JournalEntry;
import dev.infbench.harness.run.JournalReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Merges run folders into one cross-hardware table and picks each machine's best cells. */
public final class RunMerger {

    private RunMerger() {
    }

    /**
     * Reads every run folder (journal.jsonl and env.json), latest entry per cell.
     *
     * @throws HarnessException when a folder, journal or env.json is missing or malformed
     */
    public static MergedRuns merge(List<Path> runDirs) {
        if (runDirs.isEmpty()) {
            throw new HarnessException("merge needs at least one run folder");
        }
        List<MergedRow> rows = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Path runDir : runDirs) {
            Journal journal = JournalReader.readRun(runDir);
            warnings.addAll(journal.warnings());
            RunEnvironment env = RunEnvironment.read(runDir);
            String run = runDir.toAbsolutePath().normalize().getFileName() == null ? runDir.toString()
                    : runDir.toAbsolutePath().normalize().getFileName().toString();
            for (JournalEntry entry : journal.latest()) {
                Optional<CellMetrics> metrics = entry.status().measured() ? CellMetrics.of(entry) : Optional.empty();
                rows.add(new MergedRow(run, env, entry.params() == null ? Map.of() : entry.params(), entry.status(),
                        metrics.map(CellMetrics::p50Ms).orElse(null), metrics.map(CellMetrics::p99Ms).orElse(null),
                        metrics.map(CellMetrics::throughputPerS).orElse(null)));
            }
        }
        return new MergedRuns(rows, best(rows), warnings);
    }

    /** For each machine and model: the lowest p50 at batch 1 and the highest throughput, among OK cells only. */
    static List<BestCells> best(List<MergedRow> rows) {
        Map<String, Map<String, List<MergedRow>>> byMachine = new LinkedHashMap<>();
        for (MergedRow row : rows) {
            byMachine.computeIfAbsent(row.machine(), machine -> new TreeMap<>())
                    .computeIfAbsent(row.params().getOrDefault("model", ""), model -> new ArrayList<>()).add(row);
        }
        List<BestCells> best = new ArrayList<>();
        byMachine.forEach((machine, models) -> models.forEach((model, cells) -> {
            List<MergedRow> ok = cells.stream().filter(row -> row.status() == CellStatus.OK).toList();
            MergedRow fastest = ok.stream()
                    .filter(row -> "1".equals(row.params().get("batch")) && row.p50Ms() != null)
                    .min(Comparator.comparingDouble(MergedRow::p50Ms)).orElse(null);
            MergedRow busiest = ok.stream().filter(row -> row.throughputPerS() != null)
                    .max(Comparator.comparingDouble(MergedRow::throughputPerS)).orElse(null);
            if (fastest != null || busiest != null) {
                best.add(new BestCells(machine, model, fastest, busiest));
            }
        }));
        return best;
    }
}
