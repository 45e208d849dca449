package dev.infbench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The open loop's scheduling and latency accounting against queueing theory, on a virtual clock with a fake backend
 * of known service time (no wall clock, so no flakiness): M/D/1 and M/G/1 (Pollaczek–Khinchine) mean waits at 50% and
 * 80% utilisation, and the coordinated-omission gap of a closed loop; then one short real-time run, loosely.
 */
class OpenLoopTest {
    private static final long D = 1_000_000; // 1 ms of service
    private static final int REQUESTS = 400_000;

    /** A fake backend whose call takes {@code service[i % service.length]} on the virtual clock. */
    private static OpenLoop.Call fake(VirtualClock clock, long[] service) {
        return i -> clock.advance(service[i % service.length]);
    }

    /** The mean wait in queue of M/D/1: ρ D / (2 (1 − ρ)). */
    private static double md1WaitNs(double rho) {
        return rho * D / (2 * (1 - rho));
    }

    @Test
    void poissonArrivalsOnADeterministicServerWaitAsMD1Says() throws Exception {
        for (double rho : new double[] {0.5, 0.8}) {
            VirtualClock clock = new VirtualClock();
            long[] arrivals = Arrivals.poisson(rho / (D / 1e9), REQUESTS, 42);
            OpenLoop.Result r = OpenLoop.run(arrivals, clock, fake(clock, new long[] {D}));

            double wait = OpenLoop.Result.mean(r.queueingNs());
            assertThat(wait / md1WaitNs(rho)).as("ρ=%s: mean wait %s ns against M/D/1's %s", rho, wait,
                    md1WaitNs(rho)).isCloseTo(1.0, within(0.04));
            // Latency is wait plus service, counted from each request's arrival; the clock's own lateness is nil.
            assertThat(OpenLoop.Result.mean(r.latencyNs())).isCloseTo(wait + D, within(1.0));
            assertThat(Arrays.stream(r.latenessNs()).max().orElseThrow()).isZero();
            assertThat(r.offeredPerS()).isCloseTo(rho * 1000, within(rho * 1000 * 0.01));
        }
    }

    @Test
    void aVariableServiceTimeWaitsAsPollaczekKhinchineSaysFromItsMeasuredMoments() throws Exception {
        // Service uniform on [0.2 D, 1.8 D] (mean D): E[S²] = D² (1 + 0.8² / 3).
        SplittableRandom random = new SplittableRandom(7);
        long[] service = new long[REQUESTS];
        for (int i = 0; i < service.length; i++) {
            service[i] = Math.round(D * (0.2 + 1.6 * random.nextDouble()));
        }
        for (double rho : new double[] {0.5, 0.8}) {
            VirtualClock clock = new VirtualClock();
            long[] arrivals = Arrivals.poisson(rho / (D / 1e9), REQUESTS, 43);
            OpenLoop.Result r = OpenLoop.run(arrivals, clock, fake(clock, service));

            double es = OpenLoop.Result.mean(r.serviceNs());
            double es2 = Arrays.stream(r.serviceNs()).mapToDouble(s -> (double) s * s).average().orElseThrow();
            double lambda = REQUESTS / (double) arrivals[REQUESTS - 1];
            double pk = lambda * es2 / (2 * (1 - lambda * es));
            assertThat(OpenLoop.Result.mean(r.queueingNs()) / pk).as("ρ=%s", rho).isCloseTo(1.0, within(0.04));
        }
    }

    @Test
    void aClosedLoopHidesTheQueueBehindASlowCallThatTheOpenLoopCounts() throws Exception {
        // One call in 100 stalls for 50 ms; the rest take 1 ms. Offered at 50% of the mean service rate.
        long[] service = new long[100];
        Arrays.fill(service, D);
        service[99] = 50 * D;
        double meanService = Arrays.stream(service).average().orElseThrow();
        VirtualClock open = new VirtualClock();
        OpenLoop.Result r = OpenLoop.run(Arrivals.poisson(0.5 / (meanService / 1e9), 100_000, 5), open,
                fake(open, service));
        VirtualClock closed = new VirtualClock();
        long[] closedLatency = OpenLoop.closedLoop(100_000, closed, fake(closed, service));

        // The closed loop sees each call's own time: its p98 is the 1 ms call, whatever queued behind the stalls.
        assertThat(percentile(closedLatency, 0.98)).isEqualTo(D);
        // The open loop counts the requests that arrived during a stall and waited for it.
        assertThat(percentile(r.latencyNs(), 0.98)).isGreaterThan(10 * D);
    }

    @Test
    void onTheRealClockASpinningBackendQueuesRoughlyAsTheoryExpects() throws Exception {
        long service = 250_000; // 0.25 ms of spinning
        double rho = 0.5;
        long[] arrivals = Arrivals.poisson(rho / (service / 1e9), 2000, 11); // about 1 s
        OpenLoop.Result r = OpenLoop.run(arrivals, Clock.SYSTEM, i -> {
            long until = System.nanoTime() + service;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        });
        double expected = service + rho * service / (2 * (1 - rho)); // M/D/1: 0.375 ms
        double measured = OpenLoop.Result.mean(r.latencyNs());
        // Loose: a shared machine adds its own pauses; an accounting error (latency from the call's start, or a lost
        // queue) would be off by far more, or below the service time.
        assertThat(measured).as("mean latency %s ns", measured).isBetween(0.9 * service, 4.0 * expected);
        assertThat(percentile(r.serviceNs(), 0.5)).isBetween(service, 3 * service);
        assertThat(r.achievedPerS()).isCloseTo(r.offeredPerS(), within(0.2 * r.offeredPerS()));
    }

    private static long percentile(long[] values, double q) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    }
}
