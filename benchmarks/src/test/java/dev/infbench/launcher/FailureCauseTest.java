package dev.infbench.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailureCauseTest {

    @Test
    void aKilledForkIsExplained() {
        RuntimeException jmh = new RuntimeException("Benchmark caught the exception",
                wrapped(new IllegalStateException("Forked VM failed with exit code 137")));
        assertThat(FailureCause.describe(jmh)).isEqualTo(
                "forked JVM died: exit status 137 (SIGKILL: killed from outside, often the kernel's out-of-memory killer)");
    }

    @Test
    void theInnermostMessageIsKeptToItsFirstLine() {
        RuntimeException jmh = new RuntimeException("Benchmark caught the exception",
                wrapped(new IllegalArgumentException("model input 'pixel_values' has no data\nsecond line")));
        assertThat(FailureCause.describe(jmh)).isEqualTo(
                "IllegalArgumentException: model input 'pixel_values' has no data");
    }

    @Test
    void exitStatusesAboveOneTwentyEightAreSignals() {
        assertThat(FailureCause.exitStatus(134)).contains("SIGABRT");
        assertThat(FailureCause.exitStatus(130)).contains("signal 2");
        assertThat(FailureCause.exitStatus(1)).isEqualTo("exit status 1");
    }

    /** Like JMH's BenchmarkException: no cause, the real error as a suppressed exception. */
    private static Throwable wrapped(Throwable real) {
        RuntimeException be = new RuntimeException("Benchmark error");
        be.addSuppressed(real);
        return be;
    }
}
