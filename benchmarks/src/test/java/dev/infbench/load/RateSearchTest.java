package dev.infbench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The max-rate-under-SLA search on a virtual clock: it finds the boundary the same steps have, and claims no more. */
class RateSearchTest {
    private static final long D = 1_000_000; // 1 ms of deterministic service
    private static final int REQUESTS = 5000;
    private static final long SEED = 3;

    /** A fresh virtual server per step, its calls taking {@code D}. */
    private static OpenLoop.Result serve(long[] arrivals) throws Exception {
        VirtualClock clock = new VirtualClock();
        return OpenLoop.run(arrivals, clock, i -> clock.advance(D));
    }

    private static RateSearch.Verdict verdict(double rate, double slaMs) throws Exception {
        return RateSearch.step(serve(Arrivals.poisson(rate, REQUESTS, SEED)), rate, slaMs).verdict();
    }

    @Test
    void findsTheHighestRateWithinTheSlaToItsResolution() throws Exception {
        double sla = 10; // ms: ten service times
        RateSearch.Result r = RateSearch.search(RateSearchTest::serve, sla, 50, REQUESTS, SEED, 0.02, 40);

        assertThat(r.maxRatePerS()).as(r.why()).isNotNull();
        // The boundary of the same steps, found finely: below it every step is within the SLA (the same seed makes
        // latency grow with the rate at every rank).
        double lo = 50;
        double hi = 1000; // the server's capacity: ρ = 1
        for (int i = 0; i < 40; i++) {
            double mid = Math.sqrt(lo * hi);
            if (verdict(mid, sla) == RateSearch.Verdict.WITHIN) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        assertThat(r.maxRatePerS()).isLessThanOrEqualTo(hi).isGreaterThanOrEqualTo(lo / 1.02);
        assertThat(verdict(r.maxRatePerS(), sla)).isEqualTo(RateSearch.Verdict.WITHIN);
        // M/D/1 at that rate: a p99 wait of ~9 service times needs a high utilisation, short of saturation.
        double rho = r.maxRatePerS() * D / 1e9;
        assertThat(rho).isBetween(0.6, 0.98);
        assertThat(r.steps()).allSatisfy(s -> assertThat(s.requests()).isGreaterThanOrEqualTo(RateSearch.MIN_REQUESTS));
        assertThat(r.why()).startsWith("bisected to within 2%");
    }

    @Test
    void aStartRateOverTheSlaStepsDownAndCallsOverItNameNoRateAndTooFewRequestsAreRefused() throws Exception {
        // 1200/s is beyond the server's 1000/s: the queue grows without bound; the search halves, then bisects.
        RateSearch.Result down = RateSearch.search(RateSearchTest::serve, 10, 1200, REQUESTS, SEED, 0.02, 20);
        RateSearch.Result up = RateSearch.search(RateSearchTest::serve, 10, 50, REQUESTS, SEED, 0.02, 40);
        assertThat(down.steps().get(0).verdict()).isEqualTo(RateSearch.Verdict.OVER);
        assertThat(down.steps().get(1).offeredPerS()).isEqualTo(600);
        assertThat(down.maxRatePerS()).as(down.why()).isBetween(up.maxRatePerS() / 1.05, up.maxRatePerS() * 1.05);
        // An SLA below the 1 ms call: no rate meets it, and the search says so at once rather than halving forever.
        RateSearch.Result none = RateSearch.search(RateSearchTest::serve, 0.5, 1200, REQUESTS, SEED, 0.02, 20);
        assertThat(none.maxRatePerS()).isNull();
        assertThat(none.steps()).hasSize(1);
        assertThat(none.why()).contains("the calls alone");
        assertThatThrownBy(() -> RateSearch.search(RateSearchTest::serve, 10, 50, 999, SEED, 0.02, 10))
                .hasMessageContaining("at least 1000 requests");
    }

    @Test
    void aStepWhoseP99BoundsStraddleTheSlaIsUnresolvedNotWithin() throws Exception {
        // 985 requests at 1 ms and 15 at 20 ms: the p99 is 20 ms, its lower bound 1 ms; against a 10 ms SLA the numbers
        // cannot tell.
        long[] latency = new long[1000];
        java.util.Arrays.fill(latency, D);
        for (int i = 0; i < 15; i++) {
            latency[i * 60] = 20 * D;
        }
        OpenLoop.Result r = new OpenLoop.Result(latency, new long[1000], latency, new long[1000], 100, 100);
        RateSearch.Step s = RateSearch.step(r, 100, 10);
        assertThat(s.p99Ms()).isEqualTo(20.0);
        assertThat(s.p99LowMs()).isEqualTo(1.0);
        assertThat(s.verdict()).isEqualTo(RateSearch.Verdict.UNRESOLVED);
        assertThat(RateSearch.step(r, 100, 25).verdict()).isEqualTo(RateSearch.Verdict.WITHIN);
        assertThat(RateSearch.step(r, 100, 0.5).verdict()).isEqualTo(RateSearch.Verdict.OVER);
    }

    @Test
    void callsWhoseOwnTailStraddlesTheSlaStopTheHalvingOnceRequestsHardlyQueue() throws Exception {
        // One call in a hundred takes 15 ms, the rest 1 ms: against a 10 ms SLA the calls' own p99 straddles it at any
        // rate, so halving further only makes each step slower. From 500/s (requests queue) it halves while they do.
        RateSearch.Load slowTail = arrivals -> {
            VirtualClock clock = new VirtualClock();
            int[] call = {0};
            return OpenLoop.run(arrivals, clock, i -> clock.advance(call[0]++ % 100 == 37 ? 15 * D : D));
        };
        RateSearch.Result r = RateSearch.search(slowTail, 10, 500, REQUESTS, SEED, 0.02, 20);

        assertThat(r.maxRatePerS()).as(r.why()).isNull();
        assertThat(r.steps()).hasSizeLessThan(1 + RateSearch.MAX_HALVINGS);
        assertThat(r.steps().get(0).noLowerRate()).isNull(); // at 500/s requests queue: a lower rate may help
        assertThat(r.steps().get(r.steps().size() - 1).verdict()).isEqualTo(RateSearch.Verdict.UNRESOLVED);
        assertThat(r.why()).contains("hardly queued").contains("calls' own tail");
        // Calls whose own p99 is within the SLA beyond doubt: however little the requests queued, a lower rate may
        // yet come out within it, so the search goes on halving.
        long[] fast = new long[1000];
        java.util.Arrays.fill(fast, D);
        assertThat(RateSearch.noLowerRate(fast, fast, 10)).isNull();
    }
}
