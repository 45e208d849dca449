package dev.infbench.tools;

import dev.infbench.harness.metrics.Cell;
import dev.infbench.harness.metrics.CellParams;
import dev.infbench.harness.metrics.Figure;
import dev.infbench.harness.pick.BestPicks;
import dev.infbench.harness.read.Cells;
import dev.infbench.harness.stats.Ratio;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The verdicts of two runs of one sweep side by side, for {@code scripts/noise-check.sh}: each pick (resolved winner,
 * or the tied set) and each paired throughput ratio between two cells of one model one parameter apart (higher,
 * lower, no measurable difference, unresolved). A verdict <em>flips</em> when both runs resolve it and disagree: a
 * different resolved winner, or "A higher than B" against "A lower than B". Exit status 1 when any flips, 0 when none,
 * 2 on bad input.
 *
 * <pre>java -cp benchmarks.jar dev.infbench.tools.NoiseVerdicts RUN_A RUN_B</pre>
 */
public final class NoiseVerdicts {
    private NoiseVerdicts() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: NoiseVerdicts RUN_A RUN_B");
            System.exit(2);
        }
        try {
            System.exit(compare(Path.of(args[0]), Path.of(args[1])) > 0 ? 1 : 0);
        } catch (dev.infbench.format.FormatException e) {
            System.err.println("noise-check: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Prints the table; returns the number of flipped verdicts. */
    static int compare(Path a, Path b) {
        Map<String, String> va = verdicts(Cells.read(a).cells());
        Map<String, String> vb = verdicts(Cells.read(b).cells());
        int flips = 0;
        int resolvedBoth = 0;
        int agreeing = 0;
        System.out.printf(Locale.ROOT, "%-58s  %-34s  %-34s%n", "verdict", "A: " + a.getFileName(),
                "B: " + b.getFileName());
        for (String key : new TreeSet<>(va.keySet())) {
            String x = va.get(key);
            String y = vb.getOrDefault(key, "(absent)");
            boolean flip = flipped(x, y);
            flips += flip ? 1 : 0;
            if (resolved(x) && resolved(y)) {
                resolvedBoth++;
                agreeing += flip ? 0 : 1;
            }
            System.out.printf(Locale.ROOT, "%-58s  %-34s  %-34s%s%n", key, x, y, flip ? "  FLIPPED" : "");
        }
        System.out.printf(Locale.ROOT, "%d verdicts; %d resolved in both runs, %d of them the same; %d flipped%n",
                va.size(), resolvedBoth, agreeing, flips);
        return flips;
    }

    /** Each pick and each one-parameter-apart ratio of a run, by a name the other run shares. */
    static Map<String, String> verdicts(List<Cell> cells) {
        Map<String, String> out = new LinkedHashMap<>();
        for (BestPicks.ModelPicks model : BestPicks.of(cells, null, BestPicks.DEFAULT_SLA_MS, null).models()) {
            for (BestPicks.Pick pick : model.picks()) {
                if (pick.winner() == null) {
                    continue;
                }
                TreeSet<String> tied = new TreeSet<>();
                tied.add(name(pick.winner(), model.varying()));
                pick.ties().forEach(t -> tied.add(name(t.cell(), model.varying())));
                out.put("pick " + model.model() + " " + pick.kind().name().toLowerCase(Locale.ROOT),
                        pick.ranked() < 2 ? "only one cell ranked"
                                : pick.resolved() ? "winner " + name(pick.winner(), model.varying())
                                : "tied " + tied.size());
            }
            List<Cell> ok = model.cells().stream().filter(c -> c.status() == dev.infbench.format.CellStatus.OK
                    && c.metrics().isPresent()).toList();
            for (Cell x : ok) {
                for (Cell y : ok) {
                    String knob = oneApart(x, y, model.varying());
                    if (knob == null || x.index() > y.index()) {
                        continue;
                    }
                    Ratio r = x.ratio(y, Figure.THROUGHPUT);
                    String verdict = r == null ? "unresolved" : switch (r.verdict(Ratio.DEFAULT_MIN_EFFECT)) {
                        case HIGHER -> "higher";
                        case LOWER -> "lower";
                        case SAME -> "no measurable difference";
                        case UNRESOLVED -> "unresolved";
                    };
                    out.put("ratio " + model.model() + " " + name(x, model.varying()) + " / " + knob + "="
                            + CellParams.params(y).get(knob), verdict + (r == null ? "" : String.format(Locale.ROOT,
                            " x%.2f", r.estimate())));
                }
            }
        }
        return out;
    }

    /** The one varying parameter in which {@code x} and {@code y} differ, or null. */
    private static String oneApart(Cell x, Cell y, List<String> varying) {
        String knob = null;
        for (String name : varying) {
            if (!Objects.equals(CellParams.params(x).get(name), CellParams.params(y).get(name))) {
                if (knob != null) {
                    return null;
                }
                knob = name;
            }
        }
        return knob;
    }

    private static String name(Cell c, List<String> varying) {
        List<String> parts = new ArrayList<>();
        varying.forEach(n -> parts.add(n + "=" + CellParams.params(c).get(n)));
        return String.join(",", parts);
    }

    private static boolean resolved(String v) {
        return v.startsWith("winner ") || v.startsWith("higher") || v.startsWith("lower");
    }

    /** Both resolved, and they disagree. */
    static boolean flipped(String x, String y) {
        if (!resolved(x) || !resolved(y)) {
            return false;
        }
        if (x.startsWith("winner ")) {
            return !x.equals(y);
        }
        return !x.split(" ")[0].equals(y.split(" ")[0]);
    }
}
