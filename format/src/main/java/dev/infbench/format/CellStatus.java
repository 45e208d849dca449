package dev.infbench.format;

/** What became of one cell of a sweep. Every cell ends as exactly one of these; none is dropped. */
public enum CellStatus {
    /** Measured, and its outputs (where checked) are within the precision's accuracy threshold. */
    OK,
    /** Not run: the configuration is unsupported here; {@code reason} says why. */
    PRUNED,
    /** Its fork failed or died; {@code reason} holds the first line of the cause. */
    FAILED,
    /** Measured, but its outputs are outside the accuracy threshold: a result, never a winner. */
    INACCURATE;

    /** True when the cell produced timings. */
    public boolean measured() {
        return this == OK || this == INACCURATE;
    }
}
