package dev.infbench.env;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infbench.format.SpeedProbe;
import org.junit.jupiter.api.Test;

class MachineSpeedTest {

    @Test
    void theProbeMeasuresBothPartsOnTheThreadsAskedForWellUnderASecond() {
        SpeedProbe probe = MachineSpeed.measure(1);

        assertThat(probe.threads()).isEqualTo(1);
        assertThat(probe.computeMops()).isPositive();
        assertThat(probe.memoryGbs()).isPositive();
        // Two parts of (warm-up + measurement) each, plus thread start and array allocation: no wall-clock claim
        // beyond the bound the design promises.
        assertThat(probe.millis()).isGreaterThanOrEqualTo(2 * (MachineSpeed.WARMUP_MS + MachineSpeed.MEASURE_MS));
        assertThat(MachineSpeed.measure(0).threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }
}
