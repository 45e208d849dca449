package dev.infbench.harness.cli;

import dev.infbench.harness.HarnessException;
import dev.infbench.harness.compare.CompareSettings;
import picocli.CommandLine.Option;

/** {@code --alpha A --min-effect E} (a picocli mixin): how {@code compare} and {@code nightly} judge a change. */
final class CompareOptions {
    @Option(names = "--alpha", paramLabel = "A", defaultValue = "0.001",
            description = "Significance level of the Mann-Whitney test (default: ${DEFAULT-VALUE}).")
    private double alpha;

    @Option(names = "--min-effect", paramLabel = "E", defaultValue = "0.05",
            description = "Smallest relative change of p50 that counts, 0.05 = 5%% (default: ${DEFAULT-VALUE}).")
    private double minEffect;

    /** The settings, checked; {@code force} compares runs whose hardware keys differ. */
    CompareSettings settings(boolean force) {
        try {
            return new CompareSettings(alpha, minEffect, force);
        } catch (IllegalArgumentException e) {
            throw new HarnessException(e.getMessage());
        }
    }
}
