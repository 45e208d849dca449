package dev.infbench.harness.merge;

import java.util.List;

/**
 * Several runs, typically from different machines, as one table.
 *
 * @param rows     one row per (run, cell), runs in the order given, cells in journal order
 * @param picks    per machine, its picks (as in each run's best.md); machines in the order first seen
 * @param slaMs    the latency SLA of the within-SLA picks, in ms
 * @param warnings tolerated problems (a torn last journal line), one line each
 */
public record MergedRuns(List<MergedRow> rows, List<MachinePicks> picks, double slaMs, List<String> warnings) {

    public MergedRuns {
        rows = List.copyOf(rows);
        picks = List.copyOf(picks);
        warnings = List.copyOf(warnings);
    }
}
