package dev.infbench.harness.compare;

/** What a comparison concludes about one cell, candidate against baseline. */
public enum Verdict {
    /**
     * The candidate is slower: its calls (rank test), its iterations and its forks (their interval over forks) all
     * show it, by more than the minimum effect, and the machine itself did not slow down as much.
     */
    REGRESSION,
    /** The candidate is faster, by the same rules. */
    IMPROVEMENT,
    /**
     * The calls moved by more than the minimum effect, but so did the machine-speed probe: normalised by it, the
     * change is within the minimum effect. The machine was slower (or faster), not the code.
     */
    MACHINE,
    /**
     * The calls moved by more than the minimum effect, but the forks cannot tell (too few of them, or a fork-level
     * interval that spans a tie): run more rounds.
     */
    UNRESOLVED,
    /** Within noise or below the minimum effect (or no per-call data to decide with). */
    UNCHANGED
}
