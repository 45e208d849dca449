package dev.infbench.format;

/**
 * The nightly home: what {@code scripts/nightly.sh} and {@code harness nightly} keep between nights, one folder for
 * all of a machine's (or a lab's) nights.
 *
 * <pre>
 * HOME/runs/NIGHT/                  each night's run folder (and NIGHT-confirm/ when a change was rechecked)
 * HOME/baselines/HARDWARE_KEY       the path of the run folder this machine's nights are compared with
 * HOME/history/HARDWARE_KEY.csv     one row per night, cell and figure (long format, appended)
 * HOME/trend/HARDWARE_KEY/          the trend report: charts per model and the dashboards' JSON
 * </pre>
 */
public final class NightlyLayout {
    public static final String RUNS = "runs";
    public static final String BASELINES = "baselines";
    public static final String HISTORY = "history";
    public static final String HISTORY_SUFFIX = ".csv";
    public static final String TREND = "trend";
    /** The suffix of the run folder that rechecks a night's suspected change. */
    public static final String CONFIRM_SUFFIX = "-confirm";
    /** github-action-benchmark's {@code customSmallerIsBetter} input: the p50 of every cell. */
    public static final String ACTION_LATENCY = "benchmark-action-latency.json";
    /** github-action-benchmark's {@code customBiggerIsBetter} input: the throughput of every cell. */
    public static final String ACTION_THROUGHPUT = "benchmark-action-throughput.json";
    /** Bencher Metric Format: every cell's latency and throughput. */
    public static final String BENCHER = "bencher.json";

    private NightlyLayout() {
    }
}
