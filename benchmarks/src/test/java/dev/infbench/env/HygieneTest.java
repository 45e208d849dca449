package dev.infbench.env;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infbench.format.Json;
import dev.infbench.format.RunLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HygieneTest {

    /** An env.json reduced to what hygiene reads. */
    private static Map<String, Object> env(double load1, int cores, String governor, Boolean turbo, Boolean smt) {
        Map<String, Object> frequency = new LinkedHashMap<>();
        frequency.put("governor", governor);
        frequency.put("turbo", turbo);
        Map<String, Object> smtMap = new LinkedHashMap<>();
        smtMap.put("active", smt);
        smtMap.put("control", smt == null ? null : smt ? "on" : "off");
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("probed_at", "2025-01-02T03:04:05Z");
        env.put("cpu", Map.of("frequency", frequency, "smt", smtMap));
        env.put("cpu_budget", Map.of("cores", cores));
        env.put("load_average", Map.of("1m", load1, "5m", 0.5, "15m", 0.5));
        return env;
    }

    @Test
    void aQuietWellSetMachineHasNoWarnings() {
        assertThat(Hygiene.warnings(env(0.2, 2, "performance", true, true), null)).isEmpty();
    }

    @Test
    void loadOfHalfTheUsableCoresAtStartIsNoise() {
        assertThat(Hygiene.warnings(env(1.73, 2, "performance", true, true), null)).containsExactly(
                "load average 1.73 at start on 2 usable cores: other work is running; timings will be noisy");
        assertThat(Hygiene.warnings(env(1.0, 2, "performance", true, true), null)).hasSize(1);
        assertThat(Hygiene.warnings(env(0.99, 2, "performance", true, true), null)).isEmpty();
        assertThat(Hygiene.warnings(env(0.5, 1, null, null, null), null)).containsExactly(
                "load average 0.50 at start on 1 usable core: other work is running; timings will be noisy");
    }

    @Test
    void aGovernorOtherThanPerformanceLetsTheClockDrift() {
        assertThat(Hygiene.warnings(env(0.0, 2, "powersave", true, true), null)).containsExactly(
                "CPU frequency governor is powersave, not performance: the clock follows the load; timings will drift");
        assertThat(Hygiene.warnings(env(0.0, 2, null, true, true), null)).as("no cpufreq: nothing to say").isEmpty();
    }

    @Test
    void turboSwitchedSinceThePreviousRunOnThisHardware() {
        Map<String, Object> before = env(0.0, 2, "performance", false, true);

        assertThat(Hygiene.warnings(env(0.0, 2, "performance", true, true), before)).containsExactly(
                "turbo boost is on, was off in the previous run on this hardware (probed at 2025-01-02T03:04:05Z): "
                        + "timings of the two runs are not comparable");
        assertThat(Hygiene.warnings(env(0.0, 2, "performance", false, true), before)).isEmpty();
        assertThat(Hygiene.warnings(env(0.0, 2, "performance", null, true), before)).as("unknown now").isEmpty();
    }

    @Test
    void smtSwitchedSinceThePreviousRunOnThisHardware() {
        Map<String, Object> before = env(0.0, 2, "performance", true, true);

        assertThat(Hygiene.warnings(env(0.0, 2, "performance", true, false), before)).containsExactly(
                "SMT is inactive, was active in the previous run on this hardware (probed at 2025-01-02T03:04:05Z): "
                        + "timings of the two runs are not comparable");
    }

    @Test
    void thePreviousEnvIsTheLatestOtherRunWithTheSameHardwareKey(@TempDir Path runs) throws Exception {
        write(runs, "a", "K", "2025-01-01T00:00:00Z");
        write(runs, "b", "K", "2025-01-03T00:00:00Z");
        write(runs, "c", "OTHER", "2025-01-04T00:00:00Z");
        write(runs, "now", "K", "2025-01-05T00:00:00Z");
        Files.createDirectories(runs.resolve("broken"));
        Files.writeString(runs.resolve("broken/" + RunLayout.ENV), "{\"keys\": {\"hardware\": \"K\"");
        Files.createDirectories(runs.resolve("empty"));

        assertThat(Hygiene.previousEnv(runs, "K", runs.resolve("now")))
                .hasValueSatisfying(e -> assertThat(e.get("probed_at")).isEqualTo("2025-01-03T00:00:00Z"));
        assertThat(Hygiene.previousEnv(runs, "NONE", runs.resolve("now"))).isEmpty();
        assertThat(Hygiene.previousEnv(runs.resolve("missing"), "K", null)).isEmpty();
    }

    @Test
    void withoutProbedAtTheFileTimeOrdersRuns(@TempDir Path runs) throws Exception {
        write(runs, "old", "K", null);
        write(runs, "new", "K", null);
        Files.setLastModifiedTime(runs.resolve("old/" + RunLayout.ENV),
                FileTime.from(Instant.parse("2024-01-01T00:00:00Z")));
        Files.setLastModifiedTime(runs.resolve("new/" + RunLayout.ENV),
                FileTime.from(Instant.parse("2024-06-01T00:00:00Z")));

        assertThat(Hygiene.previousEnv(runs, "K", null))
                .hasValueSatisfying(e -> assertThat(e.get("run")).isEqualTo("new"));
    }

    private static void write(Path runs, String id, String key, String probedAt) throws Exception {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("run", id);
        if (probedAt != null) {
            env.put("probed_at", probedAt);
        }
        env.put("keys", Map.of("hardware", key));
        Files.createDirectories(runs.resolve(id));
        Files.writeString(runs.resolve(id).resolve(RunLayout.ENV), Json.MAPPER.writeValueAsString(env));
    }
}
