package dev.infbench.launcher;

import dev.infbench.format.CellStatus;
import dev.infbench.format.JournalEntry;
import dev.infbench.format.RunManifest;
import dev.infbench.harness.metrics.Cell;
import dev.infbench.harness.metrics.CellMetrics;
import dev.infbench.harness.report.text.DecimalText;
import dev.infbench.harness.profile.BatchSearchSection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The batch-size search ({@code --batch-search}): the cells of one configuration (every parameter but the batch, and
 * the benchmark) run their first forks in ascending batch order, and the first fork that goes over a budget or fails
 * stops the configuration's search: its larger batches are pruned with a reason that names the stopping cell and its
 * figure. The stopping cell itself stays a row of its own (measured, over the budget; or failed). The other
 * configurations go on.
 *
 * <p>Budgets are judged on the stopping cell's first fork alone, so they lean against noise: memory is the fork's
 * peak resident memory (steady, not timing), latency is over the SLA only when the p99's 95% interval lies above it
 * (with too few calls for a p99, when the p50 is above it).
 */
final class BatchSearch {
    private final RunManifest.BatchSearch budgets;
    /** Each configuration's cells, ascending by batch. */
    private final Map<String, List<Plan.Cell>> groups = new LinkedHashMap<>();

    BatchSearch(RunManifest.BatchSearch budgets, List<Plan.Cell> cells) {
        this.budgets = budgets;
        for (Plan.Cell c : cells) {
            groups.computeIfAbsent(group(c), k -> new ArrayList<>()).add(c);
        }
        groups.values().forEach(g -> g.sort(Comparator.comparingInt(c -> c.config().batch())));
    }

    /** The configuration a cell belongs to: its benchmark and every parameter but the batch. */
    static String group(Plan.Cell c) {
        Map<String, String> params = new LinkedHashMap<>(c.config().params());
        params.remove(dev.infbench.config.Parameter.BATCH.key());
        return Plan.shortName(c.benchmark()) + " " + params;
    }

    /**
     * {@code order} with each configuration's cells in ascending batch order, at the places the shuffle gave that
     * configuration: the rounds stay interleaved across configurations, and a batch runs after the smaller ones.
     */
    List<Plan.Cell> ascending(List<Plan.Cell> order) {
        Map<String, List<Plan.Cell>> byGroup = new LinkedHashMap<>();
        order.forEach(c -> byGroup.computeIfAbsent(group(c), k -> new ArrayList<>()).add(c));
        byGroup.values().forEach(g -> g.sort(Comparator.comparingInt(c -> c.config().batch())));
        Map<String, java.util.Iterator<Plan.Cell>> next = new LinkedHashMap<>();
        byGroup.forEach((k, v) -> next.put(k, v.iterator()));
        List<Plan.Cell> out = new ArrayList<>(order.size());
        order.forEach(c -> out.add(next.get(group(c)).next()));
        return out;
    }

    /** The cells of {@code c}'s configuration with a larger batch, ascending. */
    List<Plan.Cell> larger(Plan.Cell c) {
        return groups.getOrDefault(group(c), List.of()).stream()
                .filter(o -> o.config().batch() > c.config().batch()).toList();
    }

    private static final String STOPPED = "the batch search stopped at batch ";

    /** "(cell #5): ", after the batch, in every reason of a search stopped by cell {@code index}. */
    private static String stopPrefixTail(int index) {
        return "(cell #" + index + "): ";
    }

    /** Whether {@code reason} (a PRUNED row's) says that cell {@code index} stopped its search. */
    static boolean stoppedBy(String reason, int index) {
        return reason != null && reason.startsWith(STOPPED) && reason.contains(" " + stopPrefixTail(index));
    }

    /** True when the search has a memory budget: a cell's first serving fork then runs right after its first. */
    boolean judgesMemory() {
        return budgets.maxMemoryMib() != null;
    }

    /**
     * Why the forks {@code lines} of {@code c} so far (in round order) stop its configuration's search, as the reason
     * its larger batches are pruned with; empty while the search goes on. Latency and failures are judged on the first
     * fork; memory on the second, the first serving fork, since the first also ran the accuracy gate (a second, fp32
     * session) and its resident memory keeps what that touched; with one round only, on the first, said so.
     */
    Optional<String> stop(Plan.Cell c, List<JournalEntry> lines, int rounds) {
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        String at = STOPPED + c.config().batch() + " " + stopPrefixTail(c.index());
        JournalEntry first = lines.get(0);
        if (first.status() == CellStatus.FAILED) {
            return Optional.of(at + failed(first));
        }
        Optional<CellMetrics> m = Cell.of(first).metrics();
        if (m.isPresent() && budgets.slaMs() != null) {
            CellMetrics x = m.get();
            switch (BatchSearchSection.latency(x, budgets.slaMs())) {
                case OVER -> {
                    return Optional.of(at + "its p99 " + DecimalText.significant(x.p99Ms(), 3) + " ms (95% interval"
                            + " from " + DecimalText.significant(x.p99Interval().low(), 3) + " ms) is over --sla-ms "
                            + DecimalText.exact(budgets.slaMs()) + " in its first fork");
                }
                case OVER_BY_P50 -> {
                    return Optional.of(at + "its p50 " + DecimalText.significant(x.p50Ms(), 3) + " ms is already over"
                            + " --sla-ms " + DecimalText.exact(budgets.slaMs()) + " in its first fork (too few calls"
                            + " for a p99)");
                }
                case AT, WITHIN -> {
                    // the search goes on: only a fork whose numbers are over the SLA stops it
                }
            }
        }
        if (!judgesMemory()) {
            return Optional.empty();
        }
        JournalEntry serving = rounds >= 2 ? (lines.size() >= 2 ? lines.get(1) : null) : first;
        if (serving == null) {
            return Optional.empty();
        }
        if (serving.status() == CellStatus.FAILED) {
            return Optional.of(at + failed(serving));
        }
        Double rss = Cell.of(serving).metrics().map(CellMetrics::peakRssMib).orElse(null);
        if (rss != null && rss > budgets.maxMemoryMib()) {
            return Optional.of(at + "its peak resident memory " + DecimalText.figure(rss) + " MiB is over"
                    + " --max-memory " + DecimalText.exact(budgets.maxMemoryMib()) + " MiB" + (serving == first
                    ? " in its only fork, which also ran the accuracy gate and keeps what that touched (run -f 2 or"
                    + " more to judge a serving fork)" : " in its first serving fork (round 2)"));
        }
        return Optional.empty();
    }

    private static String failed(JournalEntry fork) {
        return (FailureCause.outOfMemory(fork.reason()) ? "it ran out of memory (" : "it failed (") + fork.reason()
                + ")";
    }
}
