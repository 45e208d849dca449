package dev.infbench.launcher;

import dev.infbench.config.Parameter;
import dev.infbench.config.Sweep;
import dev.infbench.config.UsageException;
import dev.infbench.format.RunLayout;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The launcher's command line, split into its own double-dash options, the {@code -p} parameter values (which the
 * launcher owns and validates, since JMH silently ignores unknown names), benchmark regexes, and the rest of the
 * standard JMH options, which are passed to JMH unchanged.
 */
final class LauncherArgs {
    /** JMH options that take no value; every other single-dash JMH option takes exactly one. */
    private static final Set<String> JMH_FLAGS = Set.of("-h", "-l", "-lp", "-lrf", "-lprof");
    /** JMH options that would write files cell by cell over the launcher's own. */
    private static final Set<String> JMH_OUTPUT_OPTIONS = Set.of("-rf", "-rff", "-o");

    final List<String> raw;
    String out = "results";
    String runId;
    String resume;
    String sweep;
    boolean dryRun;
    boolean verbose;
    boolean help;
    boolean retryFailed;
    /** {@code --no-peak}: skip measuring the machine's peaks before the first cell. */
    boolean noPeak;
    /** {@code --profile}: after the measured rounds, profile each cell with its backend's profiler, and its stages. */
    boolean profile;
    /** {@code --batch-search}: double each configuration's batch until a budget or a failure stops it. */
    boolean batchSearch;
    /** {@code --max-batch}: the largest batch the search tries; null: not given ({@link #DEFAULT_MAX_BATCH}). */
    Integer maxBatch;
    /** {@code --max-memory}: the batch search's peak resident memory budget, MiB; null: none. */
    Double maxMemoryMib;
    /** {@code --sla-ms}: the latency budget (p99, ms) of the batch search, the report's picks and racing; null: 50. */
    Double slaMs;
    /** The rounds' shuffle seed ({@code --seed}); null: a new one per run. */
    Long seed;
    /** The run's time budget in seconds ({@code --budget}); null: none given. */
    Double budgetSeconds;
    /** {@code -p} values in the order given; validated. */
    final Map<Parameter, List<String>> params = new EnumMap<>(Parameter.class);
    /** Positional arguments: benchmark regexes. */
    final List<String> regexes = new ArrayList<>();
    /** Everything else, for JMH's own parser. */
    final List<String> jmh = new ArrayList<>();

    private LauncherArgs(List<String> raw) {
        this.raw = List.copyOf(raw);
    }

    static LauncherArgs parse(List<String> args) throws UsageException {
        LauncherArgs a = new LauncherArgs(args);
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--")) {
                String name = arg;
                String value = null;
                int eq = arg.indexOf('=');
                if (eq > 0) {
                    name = arg.substring(0, eq);
                    value = arg.substring(eq + 1);
                }
                switch (name) {
                    case "--out" -> a.out = value != null ? value : next(args, ++i, name);
                    case "--run-id" -> a.runId = value != null ? value : next(args, ++i, name);
                    case "--resume" -> a.resume = value != null ? value : next(args, ++i, name);
                    case "--sweep" -> a.sweep = value != null ? value : next(args, ++i, name);
                    case "--dry-run" -> a.dryRun = flag(name, value);
                    case "--verbose" -> a.verbose = flag(name, value);
                    case "--retry-failed" -> a.retryFailed = flag(name, value);
                    case "--no-peak" -> a.noPeak = flag(name, value);
                    case "--profile" -> a.profile = flag(name, value);
                    case "--batch-search" -> a.batchSearch = flag(name, value);
                    case "--max-batch" -> a.maxBatch = parseMaxBatch(value != null ? value : next(args, ++i, name));
                    case "--max-memory" -> a.maxMemoryMib = positive(name, "MiB",
                            value != null ? value : next(args, ++i, name));
                    case "--sla-ms" -> a.slaMs = positive(name, "ms", value != null ? value : next(args, ++i, name));
                    case "--seed" -> a.seed = seed(value != null ? value : next(args, ++i, name));
                    case "--budget" -> a.budgetSeconds = budget(value != null ? value : next(args, ++i, name));
                    case "--help" -> a.help = flag(name, value);
                    default -> throw new UsageException(arg + ": unknown option; the launcher's own options are"
                            + " --out, --run-id, --resume, --sweep, --dry-run, --retry-failed, --seed, --budget,"
                            + " --profile, --no-peak, --batch-search, --max-batch, --max-memory, --sla-ms, --verbose,"
                            + " --help"
                            + " (JMH options take one dash: -f, -wi, -i, -w, -r, -t, -p ...)");
                }
            } else if (arg.equals("-p") || (arg.startsWith("-p") && arg.length() > 2 && arg.contains("="))
                    && !arg.startsWith("-prof")) {
                String spec = arg.equals("-p") ? next(args, ++i, "-p") : arg.substring(2);
                a.addParam(spec);
            } else if (JMH_OUTPUT_OPTIONS.contains(arg)) {
                throw new UsageException(arg + ": the launcher writes " + RunLayout.JMH + ", " + RunLayout.JOURNAL
                        + " and " + RunLayout.RESULTS_CSV + " into"
                        + " the run folder itself; choose the folder with --out DIR");
            } else if (arg.equals("-h")) {
                a.help = true;
            } else if (JMH_FLAGS.contains(arg)) {
                a.jmh.add(arg);
            } else if (arg.startsWith("-") && arg.length() > 1) {
                a.jmh.add(arg);
                a.jmh.add(next(args, ++i, arg));
            } else {
                a.regexes.add(arg);
            }
        }
        if (a.runId != null) {
            checkRunId(a.runId);
        }
        if (!a.batchSearch && (a.maxMemoryMib != null || a.maxBatch != null)) {
            throw new UsageException((a.maxMemoryMib != null ? "--max-memory" : "--max-batch") + " is a budget of the"
                    + " batch-size search: add --batch-search (the report's memory pick is `harness best --max-memory`)");
        }
        if (a.batchSearch && a.params.containsKey(Parameter.BATCH) && a.params.get(Parameter.BATCH).size() > 1) {
            throw new UsageException("--batch-search chooses the batches itself (doubling from the one given with"
                    + " -p batch, default 1, up to --max-batch); give -p batch one value, or leave --batch-search out");
        }
        if (a.resume != null && (!a.params.isEmpty() || a.sweep != null || !a.jmh.isEmpty() || !a.regexes.isEmpty())) {
            throw new UsageException("--resume reruns the run's own command line; give it no -p, --sweep, JMH options"
                    + " or benchmark names");
        }
        return a;
    }

    /** A run id names one folder inside {@code --out}: a plain name, never a path out of it. */
    private static final java.util.regex.Pattern RUN_ID =
            java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    static void checkRunId(String id) throws UsageException {
        if (!RUN_ID.matcher(id).matches() || id.contains("..")) {
            throw new UsageException("--run-id " + id + ": a run id is a plain folder name (letters, digits, '.', '_'"
                    + " and '-', starting with a letter or digit, no '..', at most 200 characters); choose where"
                    + " run folders go with --out DIR");
        }
    }

    private void addParam(String spec) throws UsageException {
        int eq = spec.indexOf('=');
        if (eq <= 0) {
            throw new UsageException("-p " + spec + ": expected -p name=value[,value...]; names: "
                    + String.join(", ", Parameter.keys()));
        }
        Parameter p = Parameter.require(spec.substring(0, eq).trim());
        List<String> values = Sweep.validated(p, List.of(spec.substring(eq + 1).split(",", -1)));
        if (params.containsKey(p)) {
            List<String> merged = new ArrayList<>(params.get(p));
            values.stream().filter(v -> !merged.contains(v)).forEach(merged::add);
            values = merged;
        }
        params.put(p, values);
    }

    private static String next(List<String> args, int i, String option) throws UsageException {
        if (i >= args.size()) {
            throw new UsageException(option + ": missing value");
        }
        return args.get(i);
    }

    private static double budget(String value) throws UsageException {
        Double seconds = Durations.parse(value);
        if (seconds == null || !(seconds > 0)) {
            throw new UsageException("--budget " + value + ": expected a duration such as 600s, 10m or 9m30s");
        }
        return seconds;
    }

    /**
     * The time budget of the run: {@code --budget}, else {@link #DEFAULT_SWEEP_BUDGET_S} for the default sweep run as
     * it comes (no -p, no JMH options), else none.
     */
    Double budget() {
        if (budgetSeconds != null) {
            return budgetSeconds;
        }
        return sweep == null && params.isEmpty() && jmh.isEmpty() && regexes.isEmpty() && !batchSearch
                ? DEFAULT_SWEEP_BUDGET_S : null;
    }

    /**
     * The default sweep's budget: the minimum rounds first, then racing for the unresolved picks within what is left,
     * so that the whole run, model preparation included, ends within 10 minutes (40 s kept for the report).
     */
    static final double DEFAULT_SWEEP_BUDGET_S = 9 * 60 + 20;

    /** The largest batch of the search: {@code --max-batch}, else {@link #DEFAULT_MAX_BATCH}. */
    int maxBatch() {
        return maxBatch != null ? maxBatch : DEFAULT_MAX_BATCH;
    }

    /** The largest batch of a search unless {@code --max-batch} says otherwise. */
    static final int DEFAULT_MAX_BATCH = 128;

    private static int parseMaxBatch(String value) throws UsageException {
        try {
            int n = Integer.parseInt(value.strip());
            Parameter.BATCH.validate(String.valueOf(n));
            return n;
        } catch (NumberFormatException | UsageException e) {
            throw new UsageException("--max-batch " + value + ": expected a batch size (valid: "
                    + Parameter.BATCH.validValues() + ")");
        }
    }

    private static double positive(String option, String unit, String value) throws UsageException {
        try {
            double v = Double.parseDouble(value.strip());
            if (v > 0 && Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new UsageException(option + " " + value + ": expected a positive number of " + unit);
    }

    /** The latency budget: {@code --sla-ms}, else the report's default. */
    double sla() {
        return slaMs != null ? slaMs : dev.infbench.harness.report.html.RunReport.DEFAULT_SLA_MS;
    }

    /** The batch search's budgets for run.json, or null when no search was asked for. */
    dev.infbench.format.RunManifest.BatchSearch search() {
        return batchSearch ? new dev.infbench.format.RunManifest.BatchSearch(maxBatch(), maxMemoryMib,
                slaMs) : null;
    }

    private static long seed(String value) throws UsageException {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("--seed " + value + ": expected a whole number (the rounds' shuffle seed)");
        }
    }

    private static boolean flag(String name, String value) throws UsageException {
        if (value != null) {
            throw new UsageException(name + " takes no value");
        }
        return true;
    }

    /** The sweep this command line asks for: --sweep, else the default sweep unless -p was given. */
    Sweep sweep() throws UsageException {
        Sweep base;
        if (sweep != null) {
            base = Sweep.load(sweep);
        } else if (params.isEmpty()) {
            base = Sweep.load(Sweep.DEFAULT);
        } else {
            base = Sweep.defaults();
        }
        Sweep swept = base.with(params);
        if (!batchSearch) {
            return swept;
        }
        Map<Parameter, List<String>> batches = new EnumMap<>(params);
        batches.put(Parameter.BATCH, searchBatches(swept.valuesOf(Parameter.BATCH), maxBatch()));
        return base.with(batches);
    }

    /** The batches of a search: the smallest of {@code asked}, doubled while within {@code max}. */
    static List<String> searchBatches(List<String> asked, int max) throws UsageException {
        int start = asked.stream().mapToInt(Integer::parseInt).min().orElse(1);
        if (start > max) {
            throw new UsageException("--batch-search: the first batch (" + start + ") is above --max-batch " + max);
        }
        List<String> out = new ArrayList<>();
        for (long b = start; b <= max; b *= 2) {
            out.add(String.valueOf(b));
        }
        return out;
    }
}
