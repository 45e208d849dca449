package dev.infbench.harness.compare;

import dev.infbench.format.EnvFile;
import dev.infbench.format.RunLayout;
import dev.infbench.harness.HarnessException;
import dev.infbench.harness.jmh.JmhHistogram;
import dev.infbench.harness.metrics.Cell;
import dev.infbench.harness.metrics.CellMetrics;
import dev.infbench.harness.read.Cells;
import dev.infbench.harness.stats.LatencyHistogram;
import dev.infbench.harness.stats.Interval;
import dev.infbench.harness.stats.MannWhitney;
import dev.infbench.harness.stats.Ratio;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Compares two run folders cell by cell.
 *
 * <p>Cells are matched by their parameters, each journal's cells read as the reports read them; only measured cells
 * (OK, INACCURATE) are compared. A cell is a {@link Verdict#REGRESSION} only when all of these hold:
 * <ol>
 *   <li>the Mann-Whitney test over both cells' per-call histograms is significant at {@code alpha}, so the change is
 *       beyond each run's own call-to-call noise, and the iterations' medians agree where there are enough;</li>
 *   <li>the median grew by more than the minimum effect ({@code p50 ratio > 1 + effect});</li>
 *   <li>the forks show it: the median of the forks' medians grew by more than the effect, and the 95% interval of
 *       the ratio over forks lies above 1. The two runs ran at different times, so their forks cannot be paired: the
 *       interval is a pooled-variance t interval on the logarithms of the fork medians whose spread is at least the
 *       two runs' {@linkplain NoiseFloor noise floor}, the largest fork-to-fork spread of any compared cell. On a
 *       shared machine a regime (a neighbour's busy minutes) can last all of one cell's forks in one run and none in
 *       the other; that cell's own spread then looks tight by chance, while the noisiest cell shows what the
 *       machine does to a fork. Calls and iterations within a fork move together when the machine changes speed,
 *       so only the forks tell a change from a busy minute;</li>
 *   <li>the machine-speed probe of the forks did not slow down as much: when the probe's own slowdown is resolved
 *       (its interval over the forks' probes lies clear of 1, the same way as the cell's change) and the p50 ratio
 *       divided by it is within the minimum effect, the verdict is {@link Verdict#MACHINE} (the machine was slower,
 *       not the code). A slowdown while the probe held still, or moved by no more than its own noise, stays a
 *       regression.</li>
 * </ol>
 * The intervals over forks are Bonferroni-adjusted for the number of cells compared (95% for one cell, 99.5% for
 * ten), so that a comparison of many cells of one unchanged build cries wolf on at most about 5% of occasions rather
 * than on 5% of its cells.
 * {@link Verdict#IMPROVEMENT} is symmetric, with ratios below {@code 1 / (1 + effect)}. A p50 within the minimum
 * effect is {@link Verdict#UNCHANGED}; one that moved beyond it without all of the above is
 * {@link Verdict#UNRESOLVED} (more rounds may tell), unless the interval over forks lies within the minimum effect,
 * which is {@link Verdict#UNCHANGED} too (the forks agree, a few slow calls moved the pooled median).
 */
public final class RunComparator {

    private RunComparator() {
    }

    /**
     * Compares {@code candidate} with {@code baseline}.
     *
     * @throws HarnessException when a folder or journal is missing or malformed, or when the hardware keys differ
     *                          or cannot be checked and {@code settings.force()} is false
     */
    public static RunComparison compare(Path baseline, Path candidate, CompareSettings settings) {
        Cells baseJournal = Cells.run(baseline);
        Cells candJournal = Cells.run(candidate);
        List<String> warnings = new ArrayList<>();
        warnings.addAll(baseJournal.warnings());
        warnings.addAll(candJournal.warnings());

        EnvFile baseEnv = environment(baseline, settings, warnings);
        EnvFile candEnv = environment(candidate, settings, warnings);
        checkHardware(baseEnv, candEnv, settings, warnings);

        Map<Map<String, String>, Cell> baseCells = byParams(baseJournal.cells());
        Map<Map<String, String>, Cell> candCells = byParams(candJournal.cells());
        NoiseFloor floor = noiseFloor(baseCells, candCells);
        double floorSd = floor == null ? 0 : floor.sd();
        long compared = baseCells.entrySet().stream().filter(e -> e.getValue().status().measured()
                && candCells.containsKey(e.getKey()) && candCells.get(e.getKey()).status().measured()).count();
        double confidence = familyConfidence((int) compared);
        List<CellComparison> matched = new ArrayList<>();
        List<RunComparison.Unmatched> onlyBase = new ArrayList<>();
        List<RunComparison.Unmatched> onlyCand = new ArrayList<>();
        for (Map.Entry<Map<String, String>, Cell> e : baseCells.entrySet()) {
            Cell base = e.getValue();
            Cell cand = candCells.get(e.getKey());
            boolean baseMeasured = base.status().measured();
            boolean candMeasured = cand != null && cand.status().measured();
            if (baseMeasured && candMeasured) {
                matched.add(compareCell(params(base), base, cand, settings, floorSd, confidence));
            } else if (baseMeasured) {
                onlyBase.add(new RunComparison.Unmatched(params(base), base.status(), cand == null ? null : cand
                        .status()));
            } else if (candMeasured) {
                onlyCand.add(new RunComparison.Unmatched(params(cand), cand.status(), base.status()));
            }
        }
        for (Map.Entry<Map<String, String>, Cell> e : candCells.entrySet()) {
            if (!baseCells.containsKey(e.getKey()) && e.getValue().status().measured()) {
                onlyCand.add(new RunComparison.Unmatched(params(e.getValue()), e.getValue().status(), null));
            }
        }
        return new RunComparison(baseline, candidate, baseEnv, candEnv, settings, warnings,
                baseEnv.softwareDifferences(candEnv), floor, matched, onlyBase, onlyCand);
    }

    /**
     * The two runs' noise floor: the largest fork-to-fork spread (pooled over both runs) of the log fork medians of
     * any cell measured in both with 2 forks or more on each side; null when no cell has that.
     */
    static NoiseFloor noiseFloor(Map<Map<String, String>, Cell> baseCells, Map<Map<String, String>, Cell> candCells) {
        NoiseFloor floor = null;
        for (Map.Entry<Map<String, String>, Cell> e : baseCells.entrySet()) {
            Cell base = e.getValue();
            Cell cand = candCells.get(e.getKey());
            if (cand == null || !base.status().measured() || !cand.status().measured()) {
                continue;
            }
            Ratio.Spread spread = Ratio.spread(forkMedians(forks(base)), forkMedians(forks(cand)));
            if (spread != null && (floor == null || spread.sd() > floor.sd())) {
                floor = new NoiseFloor(spread.sd(), params(base));
            }
        }
        return floor;
    }

    /**
     * Whether the forks' probes show the machine slower in the candidate ({@code slower}) or faster, beyond their own
     * fork-to-fork noise: the interval of the ratio of the probes (baseline over candidate), at the confidence the
     * cells' intervals have, lies clear of 1.
     */
    private static boolean probeResolved(Cell base, Cell cand, boolean slower, double confidence) {
        Ratio probes = Ratio.unpaired(probes(base), probes(cand), 0, confidence);
        if (probes == null || probes.interval() == null) {
            return false;
        }
        return slower ? probes.interval().low() > 1 : probes.interval().high() < 1;
    }

    private static double[] probes(Cell cell) {
        List<dev.infbench.format.SpeedProbe> probes = cell.entry().probes();
        return probes == null ? new double[0]
                : probes.stream().mapToDouble(dev.infbench.format.SpeedProbe::computeMops).toArray();
    }

    private static double[] forkMedians(List<LatencyHistogram> forks) {
        return forks.stream().mapToDouble(LatencyHistogram::medianMs).toArray();
    }

    /**
     * The confidence of each cell's interval when {@code cells} cells are compared at once: Bonferroni's
     * {@code 1 − 0.05 / cells}, so that all of them hold together with 95% confidence.
     */
    static double familyConfidence(int cells) {
        return 1 - (1 - dev.infbench.harness.stats.Interval.CONFIDENCE) / Math.max(1, cells);
    }

    /** Compares one cell measured in both runs alone: no noise floor but its own spread, a 95% interval. */
    static CellComparison compareCell(Map<String, String> params, Cell base, Cell cand,
            CompareSettings settings) {
        return compareCell(params, base, cand, settings, 0, dev.infbench.harness.stats.Interval.CONFIDENCE);
    }

    /**
     * Compares one cell measured in both runs; its interval over forks uses at least {@code floorSd} and has the
     * given confidence.
     */
    static CellComparison compareCell(Map<String, String> params, Cell base, Cell cand,
            CompareSettings settings, double floorSd, double confidence) {
        Optional<CellMetrics> baseMetrics = base.metrics();
        Optional<CellMetrics> candMetrics = cand.metrics();
        Double baseP50 = baseMetrics.map(CellMetrics::p50Ms).orElse(null);
        Double candP50 = candMetrics.map(CellMetrics::p50Ms).orElse(null);
        Double p50Ratio = ratio(candP50, baseP50);
        Double p99Ratio = ratio(candMetrics.map(CellMetrics::p99Ms).orElse(null),
                baseMetrics.map(CellMetrics::p99Ms).orElse(null));
        Double throughputRatio = ratio(candMetrics.map(CellMetrics::throughputPerS).orElse(null),
                baseMetrics.map(CellMetrics::throughputPerS).orElse(null));

        List<LatencyHistogram> baseForks = forks(base);
        List<LatencyHistogram> candForks = forks(cand);
        MannWhitney.Result test = null;
        if (!baseForks.isEmpty() && !candForks.isEmpty()) {
            // Candidate first: a positive z means the candidate's calls tend to be slower.
            test = MannWhitney.test(LatencyHistogram.pooled(candForks), LatencyHistogram.pooled(baseForks));
        }
        Double forkRatio = null;
        Interval forkInterval = null;
        if (baseForks.size() >= 2 && candForks.size() >= 2) {
            forkRatio = ratio(medianOfMedians(candForks), medianOfMedians(baseForks));
            // The two runs ran at different times: their forks cannot be paired, so the interval carries both runs'
            // fork-to-fork noise, and at least the noise floor of the two runs.
            Ratio forks = Ratio.unpaired(forkMedians(candForks), forkMedians(baseForks), floorSd, confidence);
            forkInterval = forks == null ? null : forks.interval();
        }

        // The run's own noise: per-iteration medians. Per-call samples alone overstate significance, since a busy
        // stretch of the machine moves thousands of calls together; a change must also stand out between iterations.
        List<LatencyHistogram> baseIterations = iterations(base);
        List<LatencyHistogram> candIterations = iterations(cand);
        MannWhitney.Result iterationTest = null;
        Double iterationRatio = null;
        if (canReach(ITERATION_ALPHA, candIterations.size(), baseIterations.size())) {
            iterationTest = MannWhitney.test(medians(candIterations), medians(baseIterations));
            iterationRatio = ratio(medianOfMedians(candIterations), medianOfMedians(baseIterations));
        }
        boolean iterationsAgree = iterationTest == null
                || iterationTest.significant(ITERATION_ALPHA) && iterationTest.z() * test.z() > 0;

        Double baseSpeed = base.probeSpeed();
        Double candSpeed = cand.probeSpeed();
        Double slowdown = baseSpeed != null && candSpeed != null && candSpeed > 0 ? baseSpeed / candSpeed : null;
        Double normalized = slowdown != null && p50Ratio != null ? p50Ratio / slowdown : null;

        Verdict verdict = Verdict.UNCHANGED;
        boolean moved = p50Ratio != null && (p50Ratio > settings.slowerThan() || p50Ratio < settings.fasterThan());
        if (moved) {
            boolean slower = p50Ratio > 1;
            boolean callsShowIt = test != null && test.significant(settings.alpha()) && (test.z() > 0) == slower
                    && iterationsAgree && (iterationRatio == null || (slower ? iterationRatio > settings.slowerThan()
                    : iterationRatio < settings.fasterThan()));
            verdict = callsShowIt ? forkVerdict(slower, forkRatio, forkInterval, settings) : Verdict.UNRESOLVED;
            if (verdict == Verdict.UNRESOLVED && forkInterval != null && forkInterval.low() >= settings.fasterThan()
                    && forkInterval.high() <= settings.slowerThan()) {
                // The forks agree that nothing moved beyond the effect: a few slow calls moved the pooled median.
                verdict = Verdict.UNCHANGED;
            }
            if ((verdict == Verdict.REGRESSION || verdict == Verdict.IMPROVEMENT) && normalized != null
                    && normalized <= settings.slowerThan() && normalized >= settings.fasterThan()
                    && probeResolved(base, cand, slower, confidence)) {
                // The machine-speed probe moved by about as much as the cell: the machine, not the code.
                verdict = Verdict.MACHINE;
            }
        }
        return new CellComparison(params, base.status(), cand.status(), baseP50, candP50, p50Ratio, p99Ratio,
                throughputRatio, test == null ? null : test.pValue(), forkRatio, forkInterval, slowdown, normalized,
                Math.min(baseForks.size(), candForks.size()), verdict);
    }

    /**
     * A change the calls show stands only when the forks show it too: their median ratio beyond the minimum effect
     * and their 95% interval clear of a tie. Fewer than 2 forks on a side give no interval: unresolved.
     */
    private static Verdict forkVerdict(boolean slower, Double forkRatio, Interval forkInterval,
                                       CompareSettings settings) {
        if (forkRatio == null || forkInterval == null) {
            return Verdict.UNRESOLVED;
        }
        if (slower) {
            return forkRatio > settings.slowerThan() && forkInterval.low() > 1 ? Verdict.REGRESSION
                    : Verdict.UNRESOLVED;
        }
        return forkRatio < settings.fasterThan() && forkInterval.high() < 1 ? Verdict.IMPROVEMENT
                : Verdict.UNRESOLVED;
    }

    /**
     * Significance of the iteration-level test (few observations, so a looser level than per call). With too few
     * iterations even complete separation cannot reach it (2 forks x 2 iterations: p = 0.03); then the test is
     * skipped and the per-call test and the fork guard decide alone.
     */
    static final double ITERATION_ALPHA = 0.01;

    /** True when n against m observations, completely separated, would be significant at {@code alpha}. */
    static boolean canReach(double alpha, int n, int m) {
        if (n < 2 || m < 2) {
            return false;
        }
        LatencyHistogram low = LatencyHistogram.of(List.of(new LatencyHistogram.Bin(1.0, n)));
        LatencyHistogram high = LatencyHistogram.of(List.of(new LatencyHistogram.Bin(2.0, m)));
        return MannWhitney.test(high, low).significant(alpha);
    }

    private static List<LatencyHistogram> iterations(Cell entry) {
        try {
            return JmhHistogram.iterations(entry.jmh());
        } catch (dev.infbench.format.FormatException e) {
            throw new HarnessException("cell " + entry.index() + " (" + entry.key() + "): " + e.getMessage(), e);
        }
    }

    /** Each histogram's median as one observation of weight 1. */
    private static LatencyHistogram medians(List<LatencyHistogram> parts) {
        return LatencyHistogram.of(parts.stream().map(h -> new LatencyHistogram.Bin(h.medianMs(), 1)).toList());
    }

    private static List<LatencyHistogram> forks(Cell entry) {
        try {
            return JmhHistogram.forks(entry.jmh()).stream().filter(h -> h.count() > 0).toList();
        } catch (dev.infbench.format.FormatException e) {
            throw new HarnessException("cell " + entry.index() + " (" + entry.key() + "): " + e.getMessage(), e);
        }
    }

    /** Median of the forks' medians; the mean of the middle two for an even number of forks. */
    static double medianOfMedians(List<LatencyHistogram> forks) {
        return dev.infbench.harness.stats.Median.of(forkMedians(forks));
    }

    private static Double ratio(Double numerator, Double denominator) {
        if (numerator == null || denominator == null || !(denominator > 0) || !Double.isFinite(numerator)) {
            return null;
        }
        return numerator / denominator;
    }

    private static Map<Map<String, String>, Cell> byParams(List<Cell> latest) {
        Map<Map<String, String>, Cell> cells = new LinkedHashMap<>();
        for (Cell entry : latest) {
            // Two keys with equal params (another benchmark method) would collide: the later wins, as in latest().
            // By identity: a parameter added since one of the runs was recorded counts as its default there.
            cells.put(Map.copyOf(entry.identity()), entry);
        }
        return cells;
    }

    /** The entry's parameters in declaration order (matching ignores the order; the report keeps it). */
    private static Map<String, String> params(Cell entry) {
        return entry.params() == null ? Map.of() : entry.params();
    }

    private static EnvFile environment(Path runDir, CompareSettings settings, List<String> warnings) {
        try {
            return EnvFile.read(runDir);
        } catch (dev.infbench.format.FormatException e) {
            if (!settings.force()) {
                throw new HarnessException(e.getMessage() + ": cannot check that both runs are on the same hardware"
                        + " (--force compares anyway)", e);
            }
            warnings.add(e.getMessage() + ": hardware not checked (--force)");
            return EnvFile.unknown();
        }
    }

    private static void checkHardware(EnvFile base, EnvFile cand, CompareSettings settings,
            List<String> warnings) {
        if (base.hardwareKey() != null && Objects.equals(base.hardwareKey(), cand.hardwareKey())) {
            return;
        }
        String problem = base.hardwareKey() == null || cand.hardwareKey() == null
                ? "hardware key missing from " + RunLayout.ENV + " (baseline " + describe(base) + ", candidate "
                        + describe(cand) + ")"
                : "hardware differs: baseline " + describe(base) + ", candidate " + describe(cand)
                        + "; timings from different machines are not comparable";
        if (!settings.force()) {
            throw new HarnessException(problem + " (--force compares anyway)");
        }
        warnings.add(problem + "; compared anyway (--force)");
    }

    private static String describe(EnvFile env) {
        List<String> parts = new ArrayList<>();
        parts.add(env.hardwareKey() == null ? "no key" : env.hardwareKey());
        if (env.host() != null) {
            parts.add(env.host());
        }
        if (env.cpuModel() != null) {
            parts.add(env.cpuModel());
        }
        if (!env.gpuModels().isEmpty()) {
            parts.add(String.join(" + ", env.gpuModels()));
        }
        return parts.get(0) + (parts.size() > 1 ? " (" + String.join(", ", parts.subList(1, parts.size())) + ")" : "");
    }
}
