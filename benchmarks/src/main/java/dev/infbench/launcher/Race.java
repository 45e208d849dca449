package dev.infbench.launcher;

import dev.infbench.harness.metrics.Cell;
import dev.infbench.harness.pick.BestPicks;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Racing to a decision: after the minimum rounds, which cells get another round. A pick that is resolved (its winner
 * shown better than every other cell, paired by round) needs nothing more; an unresolved one keeps its winner and the
 * cells tied with it in the race. A cell tied in no unresolved pick leaves the race: it is shown worse than the
 * leader in every pick it could still win (successive halving, with the picks' own rule as the test).
 */
final class Race {
    private Race() {
    }

    /**
     * The keys of the cells that stay in the race, given every cell of the run as measured so far; empty when every
     * pick is resolved.
     */
    static Set<String> inPlay(List<Cell> cells, double slaMs) {
        Set<String> keys = new LinkedHashSet<>();
        for (BestPicks.ModelPicks model : BestPicks.of(cells, null, slaMs, null).models()) {
            for (BestPicks.Pick pick : model.picks()) {
                if (pick.winner() == null || pick.resolved() || pick.ranked() < 2) {
                    continue;
                }
                keys.add(pick.winner().key());
                pick.ties().forEach(t -> keys.add(t.cell().key()));
            }
        }
        return keys;
    }

    /** What the picks say, pick by pick: the winner and, unresolved, the tied set (for comparing two schedules). */
    static List<String> outcome(List<Cell> cells, double slaMs) {
        List<String> lines = new java.util.ArrayList<>();
        for (BestPicks.ModelPicks model : BestPicks.of(cells, null, slaMs, null).models()) {
            for (BestPicks.Pick pick : model.picks()) {
                if (pick.winner() == null) {
                    lines.add(model.model() + " " + pick.kind() + ": none");
                    continue;
                }
                Set<Integer> tied = new java.util.TreeSet<>();
                tied.add(pick.winner().index());
                pick.ties().forEach(t -> tied.add(t.cell().index()));
                lines.add(model.model() + " " + pick.kind() + ": " + (pick.resolved() ? "#" + pick.winner().index()
                        : "tied " + tied));
            }
        }
        return lines;
    }
}
