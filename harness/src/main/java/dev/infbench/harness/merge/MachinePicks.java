package dev.infbench.harness.merge;

import dev.infbench.format.EnvFile;
import dev.infbench.harness.metrics.Cell;
import dev.infbench.harness.pick.BestPicks;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One machine's picks in a merge: the same {@link BestPicks} as a run's {@code best.md} (online, batch, within the
 * SLA; ties where intervals overlap; only OK cells), over the cells of every run from that machine.
 *
 * @param machine the hardware key (or {@code run:NAME} for a run without one)
 * @param env     the machine as its first run describes it
 * @param runs    the run folders' names, in the order given
 * @param picks   the picks; the cells in them are renumbered 1.. across the machine's runs
 * @param runOf   for each cell in {@code picks}, the run it came from
 */
public record MachinePicks(String machine, EnvFile env, List<String> runs, BestPicks picks,
        Map<Cell, String> runOf) {

    public MachinePicks {
        runs = List.copyOf(runs);
        runOf = new IdentityHashMap<>(runOf);
    }

    /** The run a cell of {@link #picks()} came from. */
    public String run(Cell cell) {
        return runOf.get(cell);
    }
}
