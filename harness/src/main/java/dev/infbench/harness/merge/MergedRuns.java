package dev.infbench.harness.merge;

import java.util.List;

/**
 * Several runs, typically from different machines, as one table.
 *
 * @param rows     one row per (run, cell), runs in the order given, cells in journal order
 * @param best     per machine and model, the best cells; machines in the order first seen, models sorted
 * @param warnings tolerated problems (a torn last journal line), one line each
 */
public record MergedRuns(List<MergedRow> rows, List<BestCells> best, List<String> warnings) {

    public MergedRuns {
        rows = List.copyOf(rows);
        best = List.copyOf(best);
        warnings = List.copyOf(warnings);
    }
}
