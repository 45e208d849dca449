package dev.infbench.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.infbench.format.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentProbeTest {

    @Test
    void envJsonHasItsSectionsInOrder(@TempDir Path root) {
        Map<String, Object> env = EnvironmentProbe.describe(FakeMachine.xeon(root).root, Map.of("minilm", "00"));

        assertThat(env.keySet()).containsExactly("schema", "probed_at", "host", "keys", "cpu", "cpu_budget",
                "memory", "cgroup", "load_average", "os", "gpu", "jvm", "software", "models");
        assertThat(env).contains(entry("schema", 2), entry("host", "lab-1"), entry("models", Map.of("minilm", "00")));
        assertThat((String) env.get("probed_at")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }

    @Test
    void memoryAndNumaNodes(@TempDir Path root) {
        Map<String, Object> mem = EnvironmentProbe.memory(FakeMachine.xeon(root).fs());

        assertThat(mem).contains(entry("total_bytes", 263855888L * 1024), entry("total_gib", 252L),
                entry("available_bytes", 200000000L * 1024), entry("numa_node_count", 2));
        assertThat(mem.get("numa_nodes")).isEqualTo(List.of(Map.of("node", 0L, "cpulist", "0-3"),
                Map.of("node", 1L, "cpulist", "4-7")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void cgroupBudgetOsAndLoadSections(@TempDir Path root) {
        Map<String, Object> env = EnvironmentProbe.describe(FakeMachine.xeon(root).root, Map.of());

        assertThat((Map<String, Object>) env.get("cgroup")).contains(entry("version", 2), entry("path", "/bench"),
                entry("cpu_quota_us", null), entry("cpu_period_us", 100000L), entry("cpuset", "0-7"),
                entry("memory_limit_bytes", null));
        assertThat((Map<String, Object>) env.get("cpu_budget")).contains(entry("cores", 8),
                entry("limited_by", "affinity"), entry("affinity_list", "0-7"));
        assertThat((Map<String, Object>) env.get("os")).contains(entry("kernel", "6.1.0-18-amd64"),
                entry("distribution", "Debian GNU/Linux 12 (bookworm)"));
        assertThat(env.get("load_average")).isEqualTo(Map.of("1m", 0.10, "5m", 0.20, "15m", 0.30));
    }

    @Test
    void withoutAnNvidiaDriverThereAreNoGpus(@TempDir Path root) {
        assertThat(EnvironmentProbe.gpu(new SysFs(root)))
                .containsExactly(entry("driver", null), entry("models", List.of()), entry("gpus", List.of()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void nvidiaGpusAreReadFromTheDriversProcFiles(@TempDir Path root) {
        FakeMachine m = new FakeMachine(root)
                .write("/proc/driver/nvidia/version", "NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  "
                        + "550.54.14  Release Build  (dvs-builder@U16-I3-B03-4-3)  Thu Feb 22 01:25:25 UTC 2024\n"
                        + "GCC version:  gcc version 12.2.0 (Debian 12.2.0-14)\n")
                .write("/proc/driver/nvidia/gpus/0000:00:1e.0/information", "Model: \t\t NVIDIA H100 80GB HBM3\n"
                        + "IRQ:   \t\t 42\nGPU UUID: \t GPU-0c4f\nBus Location: \t 0000:00:1e.0\n");

        Map<String, Object> gpu = EnvironmentProbe.gpu(m.fs());
        assertThat(gpu).contains(entry("driver", "550.54.14"), entry("models", List.of("NVIDIA H100 80GB HBM3")));
        assertThat((List<Map<String, Object>>) gpu.get("gpus")).singleElement().satisfies(g -> assertThat(g)
                .contains(entry("bus", "0000:00:1e.0"), entry("model", "NVIDIA H100 80GB HBM3"),
                        entry("gpu_uuid", "GPU-0c4f")));
    }

    @Test
    void theProprietaryDriversVersionLineIsReadToo(@TempDir Path root) {
        FakeMachine m = new FakeMachine(root).write("/proc/driver/nvidia/version",
                "NVRM version: NVIDIA UNIX x86_64 Kernel Module  535.104.05  Sat Aug 19 01:15:15 UTC 2023\n");
        assertThat(EnvironmentProbe.gpu(m.fs())).containsEntry("driver", "535.104.05");
    }

    @Test
    void softwareCarriesTheBuildsCommitOrNull() {
        assertThat(EnvironmentProbe.software()).containsKey("git_commit").containsKey("jmh");
    }

    @Test
    void loadAverageIsReadAgainOnRequest(@TempDir Path root) {
        FakeMachine m = new FakeMachine(root).write("/proc/loadavg", "1.50 0.75 0.25 2/100 42\n");
        assertThat(EnvironmentProbe.loadAverage(m.fs())).containsExactly(entry("1m", 1.5), entry("5m", 0.75),
                entry("15m", 0.25));
        assertThat(EnvironmentProbe.loadAverage(new SysFs(root.resolve("none")))).isNull();
        assertThat(EnvironmentProbe.loadAverage()).as("this machine").containsKeys("1m", "5m", "15m");
    }

    @Test
    void anEmptyMachineIsDescribedWithoutFailing(@TempDir Path root) throws Exception {
        Map<String, Object> env = EnvironmentProbe.describe(root, Map.of());

        assertThat(env.get("load_average")).isNull();
        assertThat(Fingerprint.field(env, "keys.hardware")).isNotNull();
        assertThat(Json.MAPPER.writeValueAsString(env)).contains("\"schema\":2");
    }

    @Test
    void thisMachineIsDescribedAndSerializes() throws Exception {
        Map<String, Object> env = EnvironmentProbe.describe(Map.of());

        assertThat(Fingerprint.field(env, "cpu.logical_cores")).isNotNull();
        assertThat(Fingerprint.field(env, "cpu_budget.cores")).isNotNull();
        assertThat(Json.MAPPER.writeValueAsString(env)).isNotEmpty();
    }
}
