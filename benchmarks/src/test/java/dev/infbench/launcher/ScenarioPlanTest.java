package dev.infbench.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infbench.config.CellConfig;
import dev.infbench.config.Parameter;
import dev.infbench.config.Scenario;
import dev.infbench.config.Sweep;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/** A cell's scenario chooses its benchmark, and serving parameters that do not go with it prune the cell. */
class ScenarioPlanTest {
    private static Plan plan(Map<Parameter, List<String>> overrides) throws Exception {
        return Plan.of(Sweep.defaults().with(overrides), List.of(Launcher.DEFAULT_BENCHMARK), new CommandLineOptions());
    }

    @Test
    void servingScenariosRunTheServingBenchmarkAndSingleTheClosedLoop() throws Exception {
        Plan p = plan(Map.of(Parameter.SCENARIO, List.of("single", "offline", "server", "concurrency")));
        assertThat(p.cells).extracting(Plan.Cell::benchmark).containsExactly(Launcher.DEFAULT_BENCHMARK,
                Launcher.SERVE_BENCHMARK, Launcher.SERVE_BENCHMARK, Launcher.SERVE_BENCHMARK);
        assertThat(p.toRun()).hasSize(4);
        // The key of the default scenario is the key an older run gave the cell: its journal resumes.
        assertThat(p.cells.get(0).config().key()).doesNotContain("scenario").doesNotContain("rate");
        assertThat(p.cells.get(2).config().key()).contains("scenario=server");
    }

    @Test
    void theEstimateCountsTheClosedLoopsAndSaysServingForksApart() throws Exception {
        Plan p = plan(Map.of(Parameter.SCENARIO, List.of("single", "server")));
        assertThat(p.toRun().stream().filter(Plan::serving)).hasSize(1);
        // A serving fork runs until its load is stable: no JMH option says how long, so no figure is made up for it.
        assertThat(p.estimate(2, 1)).isEqualTo(Durations.format(p.secondsPerFork) + " for the closed loops, and 1"
                + " serving fork of minutes each (a step of 1000+ requests until stable, a rate search several steps)");
        assertThat(p.estimate(3, 3)).startsWith("3 serving forks of minutes each");
        assertThat(p.estimate(2, 0)).isEqualTo(Durations.format(2 * p.secondsPerFork));
        assertThat(p.remaining(3, 1, 20)).isEqualTo(Durations.format(40) + " + 1 serving fork");
        assertThat(p.remaining(1, 1, 20)).isEqualTo("1 serving fork");
        assertThat(p.remaining(2, 0, 20)).isEqualTo(Durations.format(40));
    }

    @Test
    void aServingParameterOutsideItsScenarioPrunesTheCellSayingWhy() throws Exception {
        Plan p = plan(Map.of(Parameter.SCENARIO, List.of("single", "server", "concurrency"), Parameter.RATE,
                List.of("0", "20"), Parameter.SESSIONS, List.of("1", "2"), Parameter.CALLERS, List.of("2")));
        // single: callers=2 prunes every single cell; server: callers=2 too; concurrency: rate=20 prunes.
        List<String> run = p.toRun().stream().map(c -> c.config().label()).toList();
        assertThat(run).containsExactlyInAnyOrder("minilm onnxruntime/cpu/fp32 batch=1 threads=0 interop=1 nchw"
                + " seq=128 concurrency callers=2 sessions=1", "minilm onnxruntime/cpu/fp32 batch=1 threads=0"
                + " interop=1 nchw seq=128 concurrency callers=2 sessions=2");
        assertThat(p.pruned()).extracting(c -> c.capability().reason())
                .contains("callers and sessions apply to scenario=concurrency only (this cell is scenario=server)",
                        "rate applies to scenario=server only (this cell is scenario=concurrency)");
    }

    @Test
    void theMismatchRules() throws Exception {
        assertThat(Scenario.mismatch(cell("server", "0", "5", "1", "1", "1")))
                .isEqualTo("max_delay_ms waits for a batch to fill: it needs batch (the largest batch) above 1");
        assertThat(Scenario.mismatch(cell("server", "30", "5", "1", "1", "4"))).isNull();
        assertThat(Scenario.mismatch(cell("concurrency", "0", "0", "3", "2", "1")))
                .isEqualTo("callers=3 cannot be spread evenly over sessions=2");
        assertThat(Scenario.mismatch(cell("offline", "0", "0", "1", "1", "8"))).isNull();
        assertThat(Scenario.mismatch(cell("single", "0", "2", "1", "1", "1")))
                .startsWith("max_delay_ms applies to scenario=server only");
    }

    private static CellConfig cell(String scenario, String rate, String delay, String callers, String sessions,
            String batch) throws Exception {
        return CellConfig.of(Map.of(Parameter.SCENARIO, scenario, Parameter.RATE, rate, Parameter.MAX_DELAY_MS,
                delay, Parameter.CALLERS, callers, Parameter.SESSIONS, sessions, Parameter.BATCH, batch));
    }
}
