package dev.infbench.harness.profile;

import dev.infbench.format.ForkMetrics;
import dev.infbench.format.Params;
import dev.infbench.harness.metrics.Cell;
import dev.infbench.harness.metrics.CellLabel;
import dev.infbench.harness.metrics.Figure;
import dev.infbench.harness.metrics.LoadFigures;
import dev.infbench.harness.report.table.PlainTable;
import dev.infbench.harness.report.text.DecimalText;
import dev.infbench.harness.stats.Ratio;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The serving scenarios' answers ({@code scenario} offline, server, concurrency): every serving cell's latency under
 * load and throughput; for a rate search, the highest rate within the SLA; at one offered rate, each dynamic batching
 * setting beside no batching; and N sessions against one session of as many threads, by paired ratio.
 *
 * <p>Against the SLA a cell is judged on each fork's p99 and its 95% order-statistic bounds: within when every
 * fork's upper bound is within the SLA, over when every fork's lower bound is over it, else unresolved. A search
 * that did not settle on its steps is no verdict either: its steps say which.
 */
public final class ServingSection {
    private ServingSection() {
    }

    /** Where a cell's p99 under load stands against the SLA. */
    public enum Verdict {
        MEETS("meets the SLA"), MISSES("misses the SLA"), UNRESOLVED("unresolved against the SLA");

        private final String words;

        Verdict(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** The section; empty when no cell of the run is a serving scenario. */
    public static Optional<PlainTable> of(List<Cell> cells, double reportSlaMs) {
        List<Cell> serving = cells.stream().filter(c -> c.status().measured() && load(c) != null).toList();
        if (serving.isEmpty()) {
            return Optional.empty();
        }
        // The SLA the forks searched and judged against is the run's: a report with another one says so.
        double slaMs = serving.stream().map(c -> load(c).median(ForkMetrics.LOAD_SLA_MS)).filter(Objects::nonNull)
                .findFirst().orElse(reportSlaMs);
        PlainTable.Builder t = new PlainTable.Builder("Serving scenarios");
        t.before("Server cells: open-loop Poisson arrivals, latency from each request's due time (queueing"
                + " included), every call binding its request's inputs from a pool of distinct ones; offline: all"
                + " samples at once; concurrency: closed-loop callers. Each step ran in windows until three agreed"
                + " (rate and median within 10%, or the 2/sqrt(n) that n arrivals move by alone, and the rate served"
                + " within as much of the rate offered) or a cap; a step within the SLA needs its p99's upper bound"
                + " within it, and its stability."
                + " SLA: p99 " + DecimalText.figure(slaMs) + " ms (the run's --sla-ms), judged on each fork's p99"
                + " and its 95% bounds." + (slaMs != reportSlaMs ? " This report's SLA, "
                + DecimalText.figure(reportSlaMs) + " ms, is not the one the run searched with." : ""));
        Double generator = serving.stream().map(c -> load(c).median(ForkMetrics.LOAD_GENERATOR_MAX_PER_S))
                .filter(Objects::nonNull).min(Double::compare).orElse(null);
        if (generator != null) {
            t.before("The load generator itself (a call that returns at once) offers up to "
                    + DecimalText.figure(generator) + " requests/s here; a step whose generator delay per call had a"
                    + " p99 over 10% of the SLA is marked 'generator late'.");
        }
        t.text("cell").text("scenario").number("offered/s").number("served samples/s").number("p50 ms")
                .number("p99 ms (95%)").number("calls alone p99 ms").number("queueing ms").number("mean batch")
                .text("stable")
                .text("against the SLA").number("max rate/s within SLA");
        for (Cell c : serving) {
            LoadFigures l = load(c);
            String scenario = c.params().getOrDefault(Params.SCENARIO, "");
            Double maxRate = l.median(ForkMetrics.LOAD_MAX_RATE_PER_S);
            boolean search = "server".equals(scenario) && "0".equals(c.params().get(Params.RATE));
            t.row(List.of(CellLabel.of(c, cells), scenario, text(l.median(ForkMetrics.LOAD_OFFERED_PER_S)),
                    text(l.median(ForkMetrics.LOAD_SAMPLES_PER_S)), text(l.median(ForkMetrics.LOAD_P50_MS)),
                    p99(l), text(l.median(ForkMetrics.LOAD_SERVICE_P99_MS)),
                    text(l.median(ForkMetrics.LOAD_QUEUEING_MS)), text(l.median(ForkMetrics.LOAD_MEAN_BATCH)),
                    stable(l), "server".equals(scenario) ? verdict(l, slaMs).words() + late(l, slaMs) : "",
                    search ? maxRate == null ? "none found" : DecimalText.figure(maxRate) + forks(l) : ""));
        }
        for (Cell c : serving) {
            LoadFigures l = load(c);
            if (!l.steps().isEmpty()) {
                t.after(searchLine(c, cells, l, slaMs));
            }
        }
        batching(serving, cells, slaMs).forEach(t::after);
        concurrency(serving, cells).forEach(t::after);
        return Optional.of(t.build());
    }

    /** A cell's serving figures; null for a closed-loop cell. */
    public static LoadFigures load(Cell c) {
        return c.metrics().flatMap(m -> m.load()).orElse(null);
    }

    /** Within when every fork's p99 upper bound is, over when every fork's lower bound is over, else unresolved. */
    public static Verdict verdict(LoadFigures l, double slaMs) {
        double[] low = l.values(ForkMetrics.LOAD_P99_LOW_MS);
        double[] high = l.values(ForkMetrics.LOAD_P99_HIGH_MS);
        double[] stable = l.values(ForkMetrics.LOAD_STABLE);
        if (high.length == 0) {
            return Verdict.UNRESOLVED;
        }
        boolean meets = true;
        boolean misses = true;
        for (int f = 0; f < high.length; f++) {
            meets &= high[f] <= slaMs && stable[f] == 1;
            misses &= low[f] > slaMs;
        }
        return meets ? Verdict.MEETS : misses ? Verdict.MISSES : Verdict.UNRESOLVED;
    }

    private static String late(LoadFigures l, double slaMs) {
        Double late = l.median(ForkMetrics.LOAD_LATE_P99_MS);
        return late != null && late > 0.1 * slaMs ? " (generator late: p99 " + DecimalText.figure(late) + " ms)" : "";
    }

    private static String searchLine(Cell c, List<Cell> cells, LoadFigures l, double slaMs) {
        StringBuilder s = new StringBuilder(CellLabel.of(c, cells)).append(": ");
        Map<Integer, List<LoadFigures.Step>> byFork = l.steps().stream()
                .collect(Collectors.groupingBy(LoadFigures.Step::fork, LinkedHashMap::new, Collectors.toList()));
        double[] max = l.values(ForkMetrics.LOAD_MAX_RATE_PER_S);
        List<String> forks = new ArrayList<>();
        byFork.forEach((fork, steps) -> {
            double m = max.length >= fork ? max[fork - 1] : Double.NaN;
            forks.add("fork " + fork + " " + (Double.isFinite(m) ? DecimalText.figure(m) + "/s" : "no rate")
                    + " in " + steps.size() + " steps of " + steps.stream().mapToInt(LoadFigures.Step::requests).min()
                    .orElse(0) + "+ requests (" + steps.stream().map(ServingSection::stepText)
                    .collect(Collectors.joining(", ")) + ")");
        });
        Double median = l.median(ForkMetrics.LOAD_MAX_RATE_PER_S);
        long found = Arrays.stream(max).filter(Double::isFinite).count();
        s.append(median == null ? "no rate within p99 " + DecimalText.figure(slaMs) + " ms was found"
                : found < max.length ? "a rate within p99 " + DecimalText.figure(slaMs) + " ms was found in " + found
                + " of " + max.length + " forks only (their median " + DecimalText.figure(median) + "/s)"
                : "the highest rate within p99 " + DecimalText.figure(slaMs) + " ms is " + DecimalText.figure(median)
                + "/s" + (max.length > 1 ? " (median of the forks)" : ""));
        s.append("; ").append(String.join("; ", forks));
        // How the first fork's search ended, in its words (the effective settings are the first fork's).
        String why = c.effective() == null ? "" : c.effective().path("load_search").asText("");
        return (why.isEmpty() ? s : s.append("; fork 1 ended: ").append(why)).toString();
    }

    private static String stepText(LoadFigures.Step s) {
        return DecimalText.figure(s.offeredPerS()) + "/s p99 " + DecimalText.figure(s.p99Ms()) + " "
                + (s.within() ? "within" : s.over() ? "over" : "unresolved") + (s.stable() || s.over() ? ""
                : " unstable");
    }

    /**
     * At each offered rate, the server cells that differ only by their batching (batch as the largest batch, and
     * max_delay_ms) side by side, the unbatched one first; and the batching that serves the most within the SLA.
     */
    private static List<String> batching(List<Cell> serving, List<Cell> cells, double slaMs) {
        Map<Map<String, String>, List<Cell>> groups = new LinkedHashMap<>();
        for (Cell c : serving) {
            if ("server".equals(c.params().get(Params.SCENARIO)) && !"0".equals(c.params().get(Params.RATE))) {
                Map<String, String> key = new LinkedHashMap<>(c.params());
                key.remove(Params.BATCH);
                key.remove(Params.MAX_DELAY_MS);
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
            }
        }
        List<String> lines = new ArrayList<>();
        for (Map.Entry<Map<String, String>, List<Cell>> g : groups.entrySet()) {
            List<Cell> group = new ArrayList<>(g.getValue());
            if (group.size() < 2) {
                continue;
            }
            group.sort(java.util.Comparator.comparingInt((Cell c) -> Integer.parseInt(c.params().get(Params.BATCH)))
                    .thenComparingInt(c -> Integer.parseInt(c.params().get(Params.MAX_DELAY_MS))));
            StringBuilder s = new StringBuilder("Dynamic batching at " + g.getKey().get(Params.RATE)
                    + " requests/s offered: ");
            List<String> parts = new ArrayList<>();
            Cell best = null;
            int unresolved = 0;
            for (Cell c : group) {
                LoadFigures l = load(c);
                Verdict v = verdict(l, slaMs);
                unresolved += v == Verdict.UNRESOLVED ? 1 : 0;
                parts.add(batchingName(c) + " p50 " + text(l.median(ForkMetrics.LOAD_P50_MS)) + " ms, p99 " + p99(l)
                        + " ms, " + text(l.median(ForkMetrics.LOAD_SAMPLES_PER_S)) + " served/s, mean batch "
                        + text(l.median(ForkMetrics.LOAD_MEAN_BATCH)) + ": " + v.words());
                // At one offered rate every setting within the SLA serves about that rate: the lower p99 is better.
                if (v == Verdict.MEETS && (best == null || p99Of(c) < p99Of(best))) {
                    best = c;
                }
            }
            s.append(String.join("; ", parts)).append(". ");
            s.append(best == null && unresolved > 0
                    ? "None is shown to meet the SLA at this rate (" + unresolved + " of " + group.size()
                            + " unresolved: more forks could tell)."
                    : best == null ? "None meets the SLA at this rate."
                    : "The best within the SLA: " + batchingName(best) + " (" + CellLabel.of(best, cells) + ").");
            lines.add(s.toString());
        }
        return lines;
    }

    private static double p99Of(Cell c) {
        Double v = load(c).median(ForkMetrics.LOAD_P99_MS);
        return v == null ? Double.MAX_VALUE : v;
    }

    private static String batchingName(Cell c) {
        String batch = c.params().get(Params.BATCH);
        return "1".equals(batch) ? "no batching" : "max_batch " + batch + " max_delay " + c.params().get(Params
                .MAX_DELAY_MS) + " ms";
    }

    /**
     * Concurrency cells with the same callers and the same cores in use (sessions × threads): each with more
     * sessions against the one with a single session, by the paired ratio of their throughput over rounds.
     */
    private static List<String> concurrency(List<Cell> serving, List<Cell> cells) {
        List<Cell> conc = serving.stream().filter(c -> "concurrency".equals(c.params().get(Params.SCENARIO)))
                .toList();
        List<String> lines = new ArrayList<>();
        for (Cell one : conc) {
            if (!"1".equals(one.params().get(Params.SESSIONS))) {
                continue;
            }
            for (Cell many : conc) {
                if (many == one || !sameBut(one, many) || cores(many) != cores(one)) {
                    continue;
                }
                Ratio r = many.ratio(one, Figure.THROUGHPUT);
                String interval = r == null || r.interval() == null ? "no interval (too few rounds)"
                        : "95% ×" + DecimalText.ratio(r.interval().low(), 2) + " to ×"
                        + DecimalText.ratio(r.interval().high(), 2) + ", " + r.rounds() + " rounds "
                        + (r.paired() ? "paired" : "unpaired");
                String verdict = r == null ? "unresolved" : switch (r.verdict(Ratio.DEFAULT_MIN_EFFECT)) {
                    case HIGHER -> "more sessions serve more";
                    case LOWER -> "more sessions serve less";
                    case SAME -> "no difference beyond 5%";
                    case UNRESOLVED -> "unresolved";
                };
                lines.add(String.format(Locale.ROOT, "Concurrency, %s callers on %d cores' worth of threads: %s"
                        + " sessions × %s threads against 1 session × %s threads: throughput ×%s (%s): %s (%s"
                        + " against %s samples/s).", one.params().get(Params.CALLERS), cores(one),
                        many.params().get(Params.SESSIONS), many.params().get(Params.THREADS),
                        one.params().get(Params.THREADS), r == null ? "?" : DecimalText.ratio(r.estimate(), 2),
                        interval, verdict, text(load(many).median(ForkMetrics.LOAD_SAMPLES_PER_S)),
                        text(load(one).median(ForkMetrics.LOAD_SAMPLES_PER_S))));
            }
        }
        return lines;
    }

    private static boolean sameBut(Cell a, Cell b) {
        Map<String, String> x = new LinkedHashMap<>(a.params());
        Map<String, String> y = new LinkedHashMap<>(b.params());
        for (String k : List.of(Params.SESSIONS, Params.THREADS)) {
            x.remove(k);
            y.remove(k);
        }
        return x.equals(y);
    }

    private static int cores(Cell c) {
        return Integer.parseInt(c.params().get(Params.SESSIONS)) * Integer.parseInt(c.params().get(Params.THREADS));
    }

    private static String p99(LoadFigures l) {
        Double p = l.median(ForkMetrics.LOAD_P99_MS);
        Double lo = l.median(ForkMetrics.LOAD_P99_LOW_MS);
        Double hi = l.median(ForkMetrics.LOAD_P99_HIGH_MS);
        return p == null ? "-" : DecimalText.figure(p) + (lo == null || hi == null ? ""
                : " (" + DecimalText.figure(lo) + "-" + DecimalText.figure(hi) + ")");
    }

    private static String stable(LoadFigures l) {
        double[] s = l.values(ForkMetrics.LOAD_STABLE);
        long yes = Arrays.stream(s).filter(v -> v == 1).count();
        return yes + " of " + s.length + " forks";
    }

    private static String forks(LoadFigures l) {
        double[] v = l.values(ForkMetrics.LOAD_MAX_RATE_PER_S);
        return v.length < 2 ? "" : " (" + Arrays.stream(v).mapToObj(x -> Double.isFinite(x) ? DecimalText.figure(x)
                : "none").collect(Collectors.joining(", ")) + ")";
    }

    private static String text(Double v) {
        return v == null || !Double.isFinite(v) ? "-" : DecimalText.figure(v);
    }
}
