package dev.infbench.harness.metrics;

import dev.infbench.format.SpeedProbe;
import java.util.ArrayList;
import dev.infbench.harness.stats.Median;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the machine-speed probes of a run's forks say about the machine over the run. Each probe is taken relative to
 * its cell's median probe (cells differ in threads, and so in probe speed); the median of those relative speeds per
 * round is the machine's speed in that round.
 */
public final class MachineProbes {
    /** Variation between rounds beyond which the report warns: the minimum effect of every verdict, 5%. */
    public static final double WARN_ABOVE = 0.05;

    private MachineProbes() {
    }

    /** The machine's relative speed per round (1 = the run's typical speed), for the rounds with probes. */
    public static Map<Integer, Double> speedByRound(List<Cell> cells) {
        Map<Integer, List<Double>> relative = new TreeMap<>();
        for (Cell c : cells) {
            List<SpeedProbe> probes = c.entry().probes();
            List<Integer> rounds = c.entry().rounds();
            if (probes == null || rounds == null || probes.size() != rounds.size() || probes.isEmpty()) {
                continue;
            }
            double median = Median.of(probes.stream().mapToDouble(SpeedProbe::computeMops).toArray());
            if (!(median > 0)) {
                continue;
            }
            for (int i = 0; i < probes.size(); i++) {
                relative.computeIfAbsent(rounds.get(i), r -> new ArrayList<>()).add(probes.get(i).computeMops()
                        / median);
            }
        }
        Map<Integer, Double> byRound = new TreeMap<>();
        relative.forEach((r, v) -> byRound.put(r, Median.of(v.stream().mapToDouble(Double::doubleValue).toArray())));
        return byRound;
    }

    /** A warning when the machine's speed varied between rounds by more than {@link #WARN_ABOVE}; else empty. */
    public static Optional<String> warning(List<Cell> cells) {
        Map<Integer, Double> byRound = speedByRound(cells);
        if (byRound.size() < 2) {
            return Optional.empty();
        }
        int slowest = byRound.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
        int fastest = byRound.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        double variation = byRound.get(fastest) / byRound.get(slowest) - 1;
        if (!(variation > WARN_ABOVE)) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "the machine's speed (the probe before each fork) varied by"
                + " %.0f%% between rounds (round %d slowest, round %d fastest): ratios paired by round cancel it,"
                + " single figures do not", variation * 100, slowest, fastest));
    }
}
