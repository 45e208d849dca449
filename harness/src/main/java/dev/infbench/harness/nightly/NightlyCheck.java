package dev.infbench.harness.nightly;

import dev.infbench.format.CellStatus;
import dev.infbench.format.EnvFile;
import dev.infbench.format.NightlyLayout;
import dev.infbench.format.RunManifest;
import dev.infbench.harness.HarnessException;
import dev.infbench.harness.compare.CellComparison;
import dev.infbench.harness.compare.CompareSettings;
import dev.infbench.harness.compare.RunComparator;
import dev.infbench.harness.compare.RunComparison;
import dev.infbench.harness.compare.Verdict;
import dev.infbench.harness.metrics.Cell;
import dev.infbench.harness.metrics.CellMetrics;
import dev.infbench.harness.metrics.Figure;
import dev.infbench.harness.read.Cells;
import dev.infbench.harness.report.text.DecimalText;
import dev.infbench.harness.stats.ForkStatistic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One night against its machine's baseline, without crying wolf: a cell is reported slower only when
 * <ol>
 *   <li>{@code compare} says REGRESSION against the baseline (its per-call test, the forks' interval at the runs'
 *       noise floor, the minimum effect and the machine-speed probe: {@link RunComparator});</li>
 *   <li>a rerun of the sweep says so too ({@code --confirm}): two independent runs must both cry wolf, so a
 *       false-alarm rate p becomes about p²;</li>
 *   <li>and, once the history holds {@value TrendCheck#MIN_NIGHTS} nights of the cell, the night is slower than the
 *       nights before it beyond their own noise ({@link TrendCheck}): a baseline that caught a fast minute makes
 *       every ordinary night look slower, the history does not.</li>
 * </ol>
 * The first night of a machine (by hardware key) becomes its baseline. Every night is appended to the machine's
 * history, with each cell's verdict, whether it was reported, and its trend z-score.
 */
public final class NightlyCheck {

    /** How the night ended. */
    public enum Status {
        /** The machine had no baseline: this night is it now. */
        BASELINE_SET,
        /** Nothing slower. */
        CLEAN,
        /** Some cells look slower: rerun the sweep and check again with {@code --confirm}; nothing was recorded. */
        NEEDS_CONFIRMATION,
        /** Cells confirmed slower: reported. */
        CHANGE,
        /** The night could not be judged (no baseline could be set from it, or no cell was compared): said why. */
        INCOMPLETE
    }

    /**
     * What the check found.
     *
     * @param status   how the night ended
     * @param lines    what to tell the user, one line each
     * @param reported the keys of the cells reported slower
     * @param history  the history file appended to (null when nothing was)
     */
    public record Outcome(Status status, List<String> lines, List<String> reported, Path history) {
    }

    private NightlyCheck() {
    }

    /** Checks {@code night} (and its rerun {@code confirm}, or null) against its machine's baseline in {@code home}. */
    public static Outcome check(Path home, Path night, Path confirm, CompareSettings settings) {
        return check(home, night, confirm, false, settings);
    }

    /**
     * Like {@link #check(Path, Path, Path, CompareSettings)}; with {@code noRerun} a night whose suspected cells
     * cannot be rerun is recorded with them unconfirmed (not reported) instead of waiting for a rerun.
     */
    public static Outcome check(Path home, Path night, Path confirm, boolean noRerun, CompareSettings settings) {
        String key = hardwareKey(night);
        Path baselineFile = home.resolve(NightlyLayout.BASELINES).resolve(key);
        Path historyFile = historyFile(home, key);
        List<String> lines = new ArrayList<>();
        Cells nightCells = Cells.run(night);
        nightCells.warnings().forEach(w -> lines.add("warning: " + w));
        History.Read past = History.read(historyFile);
        past.warnings().forEach(w -> lines.add("warning: " + w));
        if (!Files.exists(baselineFile)) {
            long failed = nightCells.cells().stream().filter(c -> c.status() == CellStatus.FAILED).count();
            long measured = nightCells.cells().stream().filter(c -> c.status().measured()).count();
            if (failed > 0 || measured == 0) {
                // A baseline without those cells would never compare them: every later night would pass them.
                History.append(historyFile, rows(night, nightCells.cells(), Map.of(), Set.of(), Set.of(),
                        past.rows()));
                lines.add("not made this machine's baseline: " + (measured == 0 ? "no cell was measured"
                        : failed + " cell" + (failed == 1 ? "" : "s") + " failed") + "; the first night with every"
                        + " cell measured will be (or set one with --set-baseline)");
                return new Outcome(Status.INCOMPLETE, lines, List.of(), historyFile);
            }
            setBaseline(home, key, night);
            History.append(historyFile, rows(night, nightCells.cells(), null, Set.of(), Set.of(), past.rows()));
            lines.add("first night on this machine (hardware " + key + "): " + night + " is its baseline now");
            return new Outcome(Status.BASELINE_SET, lines, List.of(), historyFile);
        }
        Path baseline = baseline(baselineFile);
        RunComparison first = RunComparator.compare(baseline, night, settings);
        first.warnings().forEach(w -> lines.add("warning: " + w));
        Map<String, CellComparison> verdicts = byKey(nightCells.cells(), first);
        Set<String> suspected = verdicts.entrySet().stream().filter(e -> e.getValue().verdict() == Verdict.REGRESSION)
                .map(Map.Entry::getKey).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        lines.add("baseline " + baseline + ": " + summary(first));
        for (RunComparison.Unmatched u : first.onlyInBaseline()) {
            if (u.statusInOther() != null) {
                lines.add(u.statusInOther() + " tonight, " + u.status() + " in the baseline: " + params(u.params()));
            }
        }
        if (first.cells().isEmpty()) {
            History.append(historyFile, rows(night, nightCells.cells(), verdicts, Set.of(), Set.of(), past.rows()));
            lines.add("no cell of tonight was measured in both this night and the baseline: nothing could be"
                    + " compared");
            return new Outcome(Status.INCOMPLETE, lines, List.of(), historyFile);
        }
        Map<String, List<Double>> pastP50 = series(past.rows(), History.P50);
        // A slowdown too small for one night to resolve, sustained over the last nights: reported without a rerun,
        // since those nights are the repetition.
        Map<String, Double> shifts = sustainedShifts(nightCells.cells(), pastP50, settings.minEffect());
        if (suspected.isEmpty() || (confirm == null && noRerun)) {
            suspected.forEach(cell -> lines.add("not confirmed, the rerun could not run: ×"
                    + DecimalText.ratio(verdicts.get(cell).p50Ratio(), 2) + " " + cell));
            Set<String> dismissed = new HashSet<>(suspected);
            dismissed.removeAll(shifts.keySet());
            reportShifts(shifts, lines);
            History.append(historyFile, rows(night, nightCells.cells(), verdicts, shifts.keySet(), dismissed,
                    past.rows()));
            if (suspected.isEmpty() && shifts.isEmpty()) {
                lines.add("no cell is slower than the baseline");
            }
            return new Outcome(shifts.isEmpty() ? Status.CLEAN : Status.CHANGE, lines, List.copyOf(shifts.keySet()),
                    historyFile);
        }
        if (confirm == null) {
            lines.add(suspected.size() + " cell" + (suspected.size() == 1 ? " looks" : "s look")
                    + " slower; rerun the sweep and check again with --confirm before reporting");
            return new Outcome(Status.NEEDS_CONFIRMATION, lines, List.of(), null);
        }
        RunComparison second = RunComparator.compare(baseline, confirm, settings);
        lines.add("rerun " + confirm + ": " + summary(second));
        Map<String, CellComparison> rerun = byKey(Cells.run(confirm).cells(), second);
        Set<String> reported = new java.util.LinkedHashSet<>();
        Set<String> dismissed = new HashSet<>();
        for (String cell : suspected) {
            CellComparison again = rerun.get(cell);
            Double z = TrendCheck.z(pastP50.getOrDefault(cell, List.of()), p50(nightCells.cells(), cell));
            String ratio = DecimalText.ratio(verdicts.get(cell).p50Ratio(), 2);
            if (again == null || again.verdict() != Verdict.REGRESSION) {
                dismissed.add(cell);
                lines.add("not confirmed by the rerun (" + (again == null ? "not measured" : again.verdict())
                        + "): ×" + ratio + " " + cell);
            } else if (z != null && !TrendCheck.slower(z, false)) {
                dismissed.add(cell);
                lines.add("within the history's noise (z " + DecimalText.ratio(z, 1) + " against the last "
                        + TrendCheck.WINDOW + " nights: as slow as the nights before it; the baseline may have caught a fast minute, or an earlier change"
                        + " is in the history already): ×" + ratio + " "
                        + cell);
            } else {
                reported.add(cell);
                lines.add("SLOWER, confirmed by the rerun (×" + DecimalText.ratio(again.p50Ratio(), 2) + ")"
                        + (z == null ? " (the history is too short to judge)" : ", z " + DecimalText.ratio(z, 1)
                        + " against the last nights") + ": ×" + ratio + " " + cell);
            }
        }
        Map<String, Double> newShifts = new LinkedHashMap<>(shifts);
        newShifts.keySet().removeAll(reported);
        reportShifts(newShifts, lines);
        reported.addAll(newShifts.keySet());
        dismissed.removeAll(reported);
        History.append(historyFile, rows(night, nightCells.cells(), verdicts, reported, dismissed, past.rows()));
        return new Outcome(reported.isEmpty() ? Status.CLEAN : Status.CHANGE, lines, List.copyOf(reported),
                historyFile);
    }

    /** The cells whose last {@value TrendCheck#RECENT} nights, tonight's included, show a sustained slowdown. */
    private static Map<String, Double> sustainedShifts(List<Cell> cells, Map<String, List<Double>> pastP50,
            double minEffect) {
        Map<String, Double> out = new LinkedHashMap<>();
        int before = TrendCheck.RECENT - 1;
        for (Cell c : cells) {
            List<Double> past = pastP50.getOrDefault(c.key(), List.of());
            double tonight = p50(cells, c.key());
            if (past.size() < before || !Double.isFinite(tonight)) {
                continue;
            }
            List<Double> recent = new ArrayList<>(past.subList(past.size() - before, past.size()));
            recent.add(tonight);
            Double ratio = TrendCheck.sustained(past.subList(0, past.size() - before), recent, minEffect, false);
            if (ratio != null) {
                out.put(c.key(), ratio);
            }
        }
        return out;
    }

    private static void reportShifts(Map<String, Double> shifts, List<String> lines) {
        shifts.forEach((cell, ratio) -> lines.add("SLOWER over the last " + TrendCheck.RECENT + " nights (each"
                + " slower than every one of the up to " + TrendCheck.WINDOW + " nights before; their median ×"
                + DecimalText.ratio(ratio, 2) + "): " + cell));
    }

    /** Makes {@code run} the baseline of its machine in {@code home}. */
    public static Path setBaseline(Path home, String key, Path run) {
        Path file = home.resolve(NightlyLayout.BASELINES).resolve(key);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, run.toAbsolutePath().normalize() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HarnessException(file + ": cannot write (" + e.getMessage() + ")", e);
        }
        return file;
    }

    /** The machine's history file in {@code home}. */
    public static Path historyFile(Path home, String hardwareKey) {
        return home.resolve(NightlyLayout.HISTORY).resolve(hardwareKey + NightlyLayout.HISTORY_SUFFIX);
    }

    /** The run's hardware key, which names its baseline and its history; refused when missing or odd. */
    public static String hardwareKey(Path run) {
        String key = EnvFile.read(run).hardwareKey();
        if (key == null || !key.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new HarnessException(run + ": its " + dev.infbench.format.RunLayout.ENV + " has no usable hardware key (" + key + "), which names"
                    + " the machine's baseline and history");
        }
        return key;
    }

    private static Path baseline(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new HarnessException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        Path run = Path.of(text);
        if (!Files.isDirectory(run)) {
            throw new HarnessException(file + ": names " + text + ", which is no run folder; set a baseline with"
                    + " harness nightly --set-baseline RUN_DIR");
        }
        return run;
    }

    private static String summary(RunComparison c) {
        Map<Verdict, Long> counts = c.cells().stream().collect(Collectors.groupingBy(CellComparison::verdict,
                () -> new java.util.EnumMap<>(Verdict.class), Collectors.counting()));
        return c.cells().size() + " cells compared ("
                + counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "))
                + (c.noiseFloor() == null ? "" : "; noise floor ±" + DecimalText.figure(100 * c.noiseFloor().sd())
                        + "% per fork") + ")";
    }

    private static Map<String, CellComparison> byKey(List<Cell> cells, RunComparison comparison) {
        Map<Map<String, String>, String> keys = new HashMap<>();
        // The comparison names a cell by its declared parameters; older runs' cells are matched by identity too.
        cells.forEach(c -> {
            keys.put(Map.copyOf(c.identity()), c.key());
            keys.put(Map.copyOf(c.params()), c.key());
        });
        Map<String, CellComparison> out = new LinkedHashMap<>();
        for (CellComparison c : comparison.cells()) {
            String key = keys.get(Map.copyOf(c.params()));
            if (key != null) {
                out.put(key, c);
            }
        }
        return out;
    }

    private static Double p50(List<Cell> cells, String key) {
        return cells.stream().filter(c -> c.key().equals(key)).findFirst().flatMap(c -> figure(c, Figure.P50))
                .map(ForkStatistic::point).orElse(Double.NaN);
    }

    private static Optional<ForkStatistic> figure(Cell c, Figure figure) {
        return c.metrics().map(m -> m.overForks(figure)).filter(f -> f.forks() > 0);
    }

    /** Each cell's values of {@code figure} over the history's nights, oldest first. */
    static Map<String, List<Double>> series(List<History.Row> rows, String figure) {
        Map<String, List<Double>> out = new LinkedHashMap<>();
        for (History.Row r : rows) {
            if (r.figure().equals(figure)) {
                out.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
            }
        }
        return out;
    }

    /** The night's rows; {@code verdicts} null for the night that became the baseline. */
    private static List<History.Row> rows(Path night, List<Cell> cells, Map<String, CellComparison> verdicts,
            Set<String> reported, Set<String> dismissed, List<History.Row> past) {
        RunManifest manifest = RunManifest.read(night).orElse(null);
        String started = manifest == null ? null : manifest.startedAt();
        String commit = EnvFile.read(night).software().get("software.git_commit");
        String run = night.toAbsolutePath().normalize().getFileName().toString();
        boolean baselineNight = verdicts == null;
        Map<String, List<Double>> pastP50 = series(past, History.P50);
        Map<String, List<Double>> pastThroughput = series(past, History.THROUGHPUT);
        List<History.Row> rows = new ArrayList<>();
        for (Cell c : cells) {
            String verdict = c.status() == CellStatus.FAILED ? "FAILED"
                    : baselineNight ? "BASELINE"
                    : verdicts.containsKey(c.key()) ? verdicts.get(c.key()).verdict().name() : "";
            if (!c.status().measured() && c.status() != CellStatus.FAILED) {
                continue;
            }
            String alert = reported.contains(c.key()) ? "yes" : dismissed.contains(c.key()) ? "no" : "";
            String params = params(c.params());
            String model = c.params().getOrDefault(dev.infbench.format.Params.MODEL, "");
            for (Figure f : new Figure[] {Figure.P50, Figure.THROUGHPUT}) {
                Optional<ForkStatistic> s = figure(c, f);
                String name = f == Figure.P50 ? History.P50 : History.THROUGHPUT;
                Double value = s.map(ForkStatistic::point).orElse(null);
                Map<String, List<Double>> prior = f == Figure.P50 ? pastP50 : pastThroughput;
                Double z = value == null ? null : TrendCheck.z(prior.getOrDefault(c.key(), List.of()), value);
                rows.add(new History.Row(started, run, commit, c.key(), model, params, name, value,
                        s.map(x -> x.interval() == null ? null : x.interval().low()).orElse(null),
                        s.map(x -> x.interval() == null ? null : x.interval().high()).orElse(null), verdict, alert,
                        z));
            }
        }
        return rows;
    }

    private static String params(Map<String, String> params) {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
}
