package dev.infbench.format;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The files of a run folder, by name: the one place that spells them (a source scan test keeps it that way). See
 * {@code results/README.md} for what each holds.
 */
public final class RunLayout {
    /** One line per cell outcome, appended and synced: the record every other file is derived from. */
    public static final String JOURNAL = "journal.jsonl";
    /** The run's manifest: command line, times, state, counts ({@link RunManifest}). */
    public static final String RUN = "run.json";
    /** The machine and software fingerprint ({@link EnvFile}). */
    public static final String ENV = "env.json";
    /** A standard JMH JSON array of the measured cells. */
    public static final String JMH = "jmh.json";
    /** One row per cell. */
    public static final String RESULTS_CSV = "results.csv";
    /** One row per configuration, batch sizes across the columns. */
    public static final String RESULTS_WIDE_CSV = "results-wide.csv";
    /** The table as Markdown. */
    public static final String SUMMARY_MD = "summary.md";
    /** The best configurations per model. */
    public static final String BEST_MD = "best.md";
    /**
     * Where the time goes: the share of the machine's peak, and with {@code --profile} the stage and operator
     * tables.
     */
    public static final String PROFILE_MD = "profile.md";
    /** With {@code --profile}: the backends' raw traces and the pipeline forks' results. */
    public static final String PROFILES = "profiles";
    /** The self-contained report. */
    public static final String REPORT_HTML = "report.html";
    /** The report's charts as PNG. */
    public static final String CHARTS = "charts";
    /** The machine's measured peaks ({@link MachinePeak}), once per run. */
    public static final String PEAK = "peak.json";
    /** JMH's own output per cell. */
    public static final String LOGS = "logs";
    /** Held locked by the launcher writing the folder. */
    public static final String WRITER_LOCK = "writer.lock";
    /** What a cell's fork hands back to the launcher (effective settings, accuracy); gone once the cell ends. */
    public static final String CELL_REPORT = "cell-report.json";

    /** In {@link #LOGS}: what the JVM that prepared the model files printed. */
    public static final String MODELS_LOG = "models.log";
    /** In {@link #LOGS}: what the JVM that measured the machine's peaks printed. */
    public static final String PEAK_LOG = "peak.log";

    /** The folder's own entries (every name above but those in {@link #LOGS}), for tools that list or check a folder. */
    public static final List<String> FILES = List.of(JOURNAL, RUN, ENV, JMH, RESULTS_CSV, RESULTS_WIDE_CSV, SUMMARY_MD,
            BEST_MD, PROFILE_MD, REPORT_HTML, CHARTS, PEAK, PROFILES, LOGS, WRITER_LOCK, CELL_REPORT);

    private RunLayout() {
    }

    /** {@code logs/models.log}: what the JVM that prepared the model files printed. */
    public static Path modelsLog(Path dir) {
        return dir.resolve(LOGS).resolve(MODELS_LOG);
    }

    /**
     * {@code logs/cell-NNN.outputs.json}: a digest of the outputs of cell NNN's first fork, against which its later
     * forks check their own outputs (the accuracy gate runs in the first fork only).
     */
    public static Path forkOutputs(Path dir, int index) {
        return numbered(dir, LOGS, "cell-%03d.outputs.json", index);
    }

    /** {@code logs/peak.log}: what the JVM that measured the machine's peaks printed. */
    public static Path peakLog(Path dir) {
        return dir.resolve(LOGS).resolve(PEAK_LOG);
    }

    /**
     * {@code profiles/cell-NNN.trace.json}: cell NNN's backend's own profiler trace (Chrome-trace JSON; opens in
     * chrome://tracing or Perfetto).
     */
    public static Path profileTrace(Path dir, int index) {
        return numbered(dir, PROFILES, "cell-%03d.trace.json", index);
    }

    /** {@code profiles/cell-NNN.profile.json}: what cell NNN's profiled calls were (or why it has no profile). */
    public static Path profileMeta(Path dir, int index) {
        return numbered(dir, PROFILES, "cell-%03d.profile.json", index);
    }

    /** {@code profiles/cell-NNN.profile.log}: what the JVM that profiled cell NNN printed. */
    public static Path profileLog(Path dir, int index) {
        return numbered(dir, PROFILES, "cell-%03d.profile.log", index);
    }

    /** {@code profiles/pipeline-NNN.json}: the pipeline fork run at cell NNN's configuration, with its stages. */
    public static Path pipeline(Path dir, int index) {
        return numbered(dir, PROFILES, "pipeline-%03d.json", index);
    }

    /** {@code profiles/pipeline-NNN.log}: JMH's output of that pipeline fork. */
    public static Path pipelineLog(Path dir, int index) {
        return numbered(dir, PROFILES, "pipeline-%03d.log", index);
    }

    /** {@code logs/cell-NNN.log} of the run folder {@code dir}. */
    public static Path log(Path dir, int index) {
        return numbered(dir, LOGS, "cell-%03d.log", index);
    }

    /** {@code dir/folder/NAME} with cell {@code index} written into {@code pattern} as three digits. */
    private static Path numbered(Path dir, String folder, String pattern, int index) {
        return dir.resolve(folder).resolve(String.format(Locale.ROOT, pattern, index));
    }
}
