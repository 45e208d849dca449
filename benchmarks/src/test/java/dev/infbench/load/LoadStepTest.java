package dev.infbench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Load steps in windows on a virtual 1 ms server: stable below capacity, never above it, the queue carried over. */
class LoadStepTest {
    private static final long D = 1_000_000;

    private static LoadStep.Outcome step(double rate, double slaMs, int maxBatch) throws Exception {
        VirtualClock clock = new VirtualClock();
        return LoadStep.run(rate, new LoadStep.Plan(400, 12, maxBatch, 0, 5), slaMs, clock,
                (first, size) -> clock.advance(D));
    }

    @Test
    void belowCapacityTheWindowsSettleAndTheStepServesWhatIsOffered() throws Exception {
        LoadStep.Outcome s = step(500, 0, 1);
        assertThat(s.stable()).isTrue();
        assertThat(s.windows()).hasSizeBetween(LoadStep.STABLE_WINDOWS, 12);
        assertThat(s.latencyNs()).hasSize(LoadStep.STABLE_WINDOWS * 400);
        assertThat(s.achievedPerS()).isBetween(450.0, 550.0);
        // M/D/1 at ρ 0.5: the mean wait is ρD / (2(1 − ρ)) = 0.5 ms; three windows of 400 come close.
        double meanWaitMs = Arrays.stream(s.queueingNs()).average().orElseThrow() / 1e6;
        assertThat(meanWaitMs).isBetween(0.3, 0.8);
        assertThat(s.latenessP99Ns()).isZero();
    }

    @Test
    void aboveCapacityTheQueueGrowsAcrossWindowsAndNeverSettles() throws Exception {
        LoadStep.Outcome s = step(1300, 0, 1);
        assertThat(s.stable()).isFalse();
        assertThat(s.windows()).hasSize(12);
        // One continuous schedule: each window starts with the backlog of the one before, so its median grows.
        for (int k = 1; k < s.windows().size(); k++) {
            assertThat(s.windows().get(k).p50Ms()).isGreaterThan(s.windows().get(k - 1).p50Ms());
        }
        assertThat(s.achievedPerS()).isBetween(950.0, 1050.0);
    }

    @Test
    void aStepOverTheSlaBeyondDoubtEndsAfterItsFirstWindow() throws Exception {
        LoadStep.Outcome s = step(1300, 5, 1);
        assertThat(s.endedOver()).isTrue();
        assertThat(s.windows()).hasSize(1);
        assertThat(s.stable()).isFalse();
        assertThat(RateSearch.bounds(s.latencyNs()).lowMs()).isGreaterThan(5);
    }

    @Test
    void batchingServesAboveTheCapacityOfOneRequestPerCall() throws Exception {
        // A call costs 1 ms whatever its size: batches of up to 4 serve 1300/s that batch 1 cannot.
        LoadStep.Outcome s = step(1300, 0, 4);
        assertThat(s.stable()).isTrue();
        assertThat(s.meanBatch()).isGreaterThan(1.2);
        assertThat(s.achievedPerS()).isBetween(1170.0, 1430.0);
    }

    @Test
    void windowsAgreeOnlyWhenRateAndMedianAreBothWithinTenPercent() {
        // Windows of 400 requests and more: ±10%; fewer: the wider ±2/√n of the arrivals' own count.
        assertThat(LoadStep.tolerance(400)).isEqualTo(0.10);
        assertThat(LoadStep.tolerance(100)).isEqualTo(0.20);
        var a = new LoadStep.Window(400, 100, 10);
        var b = new LoadStep.Window(400, 108, 10.5);
        var c = new LoadStep.Window(400, 95, 9.6);
        assertThat(LoadStep.stable(java.util.List.of(a, b, c), 0)).isTrue();
        assertThat(LoadStep.stable(java.util.List.of(a, b), 0)).isFalse();
        assertThat(LoadStep.stable(java.util.List.of(a, b, new LoadStep.Window(400, 100, 12.5)), 0)).isFalse();
        assertThat(LoadStep.stable(java.util.List.of(new LoadStep.Window(400, 70, 10), a, b, c), 100)).isTrue();
        // At 100 requests a window, 20% apart is what the arrivals alone do.
        assertThat(LoadStep.stable(java.util.List.of(new LoadStep.Window(100, 100, 10),
                new LoadStep.Window(100, 118, 10), new LoadStep.Window(100, 85, 11.5)), 0)).isTrue();
        // Windows that agree but serve a tenth less than arrives: a queue growing.
        assertThat(LoadStep.stable(java.util.List.of(a, b, c), 115)).isFalse();
    }
}
