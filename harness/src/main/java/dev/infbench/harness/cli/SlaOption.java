package dev.infbench.harness.cli;

import dev.infbench.harness.HarnessException;
import picocli.CommandLine.Option;

/** {@code --sla-ms MS} (a picocli mixin): the latency budget of the within-SLA pick. */
final class SlaOption {
    @Option(names = "--sla-ms", paramLabel = "MS", defaultValue = "50",
            description = "Latency budget (p99, ms) of the within-SLA pick (default: ${DEFAULT-VALUE}).")
    private double slaMs;

    /** The budget, checked: a positive, finite number of milliseconds. */
    double ms() {
        if (!(slaMs > 0) || Double.isInfinite(slaMs)) {
            throw new HarnessException("--sla-ms must be a positive number of ms, was " + slaMs);
        }
        return slaMs;
    }
}
