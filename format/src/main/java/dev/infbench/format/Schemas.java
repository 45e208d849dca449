package dev.infbench.format;

/**
 * The layout version of every file of a run folder the suite writes, in one place. A reader accepts every version up
 * to the one it knows (older runs stay readable) and refuses a newer one with one line, rather than misreading it.
 */
public final class Schemas {
    /**
     * {@code journal.jsonl} lines. 3: a measured cell is one line per fork ({@code round}), run in interleaved
     * rounds; 2: one line per cell, the {@code accuracy} object in snake_case ({@code min_cosine}); 1 wrote
     * camelCase ({@code minCosine}). 1 and 2 are still read.
     */
    public static final int JOURNAL = 3;
    /**
     * {@code run.json}. 3: the rounds ({@code rounds}: the minimum, the shuffle seed); 2: written from
     * {@link RunManifest}; 1 is read (same fields).
     */
    public static final int RUN = 3;
    /** {@code env.json}. 2: keys, cpu_budget, cgroup, load_average, gpu, models, probed_at. */
    public static final int ENV = 2;
    /** The columns of {@code results.csv}: bumped when a column is renamed or removed (adding one is compatible). */
    public static final int RESULTS_CSV = 1;
    /** {@code peak.json} ({@link MachinePeak}). */
    public static final int PEAK = 1;

    private Schemas() {
    }

    /**
     * Refuses a file written by a newer suite.
     *
     * @param what   the file (and line), for the message
     * @param found  the version the file declares (0 when it declares none: the oldest)
     * @param known  the newest version this reader knows
     * @throws FormatException when {@code found} is newer than {@code known}
     */
    public static void require(String what, int found, int known) {
        if (found > known) {
            throw new FormatException(what + ": schema " + found + " is newer than this version of the suite reads"
                    + " (up to " + known + "); read it with a newer harness");
        }
    }
}
