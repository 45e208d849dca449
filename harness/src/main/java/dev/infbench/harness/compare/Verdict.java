package dev.infbench.harness.compare;

/** What a comparison concludes about one cell, candidate against baseline. */
public enum Verdict {
    /** The candidate is slower: significant under the rank test and by more than the minimum effect. */
    REGRESSION,
    /** The candidate is faster: significant and by more than the minimum effect. */
    IMPROVEMENT,
    /** Within noise, below the minimum effect, or not decidable (no per-call data, too few samples). */
    UNCHANGED
}
