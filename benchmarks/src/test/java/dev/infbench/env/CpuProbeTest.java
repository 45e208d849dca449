package dev.infbench.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuProbeTest {

    @Test
    void x86FlagsOfInterestAreKeptSorted(@TempDir Path root) {
        Map<String, Object> cpu = CpuProbe.describe(FakeMachine.xeon(root).fs(), "amd64", 8);

        assertThat(cpu.get("isa_flags")).asList().containsExactly("amx_bf16", "amx_int8", "amx_tile", "avx",
                "avx2", "avx512_bf16", "avx512_vnni", "avx512bw", "avx512f", "avx512vl", "f16c", "fma", "sse4_2");
    }

    @Test
    void aFlagMissingOnOneProcessorIsNotReported(@TempDir Path root) {
        String cpuinfo = FakeMachine.x86CpuInfo("Xeon", FakeMachine.X86_FLAGS)
                .replaceFirst("avx512_bf16 ", "");
        SysFs fs = new FakeMachine(root).write("/proc/cpuinfo", cpuinfo).fs();
        Map<String, Object> cpu = CpuProbe.describe(fs, "amd64", 8);

        assertThat(cpu.get("isa_flags")).asList().doesNotContain("avx512_bf16").contains("avx512_vnni");
    }

    @Test
    void x86TopologyCountsSocketsCoresAndThreads(@TempDir Path root) {
        Map<String, Object> cpu = CpuProbe.describe(FakeMachine.xeon(root).fs(), "amd64", 8);

        assertThat(cpu).contains(entry("model", "Intel(R) Xeon(R) Platinum 8480+"), entry("vendor", "GenuineIntel"),
                entry("logical_cores", 8), entry("physical_cores", 4), entry("sockets", 2),
                entry("available_processors", 8));
    }

    @Test
    void armFeaturesModelAndTopologyComeFromImplementerPartAndSysfs(@TempDir Path root) {
        Map<String, Object> cpu = CpuProbe.describe(FakeMachine.neoverse(root).fs(), "aarch64", 4);

        assertThat(cpu.get("isa_flags")).asList().containsExactly("asimd", "asimddp", "asimdhp", "fphp");
        assertThat(cpu).contains(entry("model", "ARM Neoverse-N1 (part 0xd0c)"), entry("vendor", "ARM"),
                entry("arch", "aarch64"), entry("logical_cores", 4), entry("physical_cores", 4),
                entry("sockets", 1));
    }

    @Test
    void anUnknownArmPartIsNamedByItsCode(@TempDir Path root) {
        String cpuinfo = "processor\t: 0\nFeatures\t: fp asimd sve sve2 i8mm bf16\nCPU implementer\t: 0x61\n"
                + "CPU part\t: 0x033\n";
        SysFs fs = new FakeMachine(root).write("/proc/cpuinfo", cpuinfo).fs();
        Map<String, Object> cpu = CpuProbe.describe(fs, "aarch64", 1);

        assertThat(cpu.get("model")).isEqualTo("Apple part 0x033");
        assertThat(cpu.get("isa_flags")).asList().containsExactly("asimd", "bf16", "i8mm", "sve", "sve2");
    }

    @Test
    void cachesAreNamedByLevelAndType(@TempDir Path root) {
        assertThat(CpuProbe.caches(FakeMachine.xeon(root).fs())).containsExactly(entry("L1d", "48K"),
                entry("L1i", "32K"), entry("L2", "2048K"), entry("L3", "107520K"));
    }

    @Test
    void frequencyGovernorTurboAndSmtAreRead(@TempDir Path root) {
        Map<String, Object> cpu = CpuProbe.describe(FakeMachine.xeon(root).fs(), "amd64", 8);

        assertThat(cpu.get("frequency")).isEqualTo(Map.of("min_mhz", 800L, "max_mhz", 3800L,
                "governor", "performance", "turbo", true));
        assertThat(cpu.get("smt")).isEqualTo(Map.of("active", true, "control", "on"));
    }

    @Test
    void turboIsTheInverseOfNoTurboOrTheBoostSwitch(@TempDir Path root) {
        FakeMachine m = new FakeMachine(root);
        assertThat(CpuProbe.turbo(m.fs())).isNull();
        m.write("/sys/devices/system/cpu/cpufreq/boost", "1\n");
        assertThat(CpuProbe.turbo(m.fs())).isTrue();
        m.write("/sys/devices/system/cpu/intel_pstate/no_turbo", "1\n");
        assertThat(CpuProbe.turbo(m.fs())).isFalse();
    }

    @Test
    void aMachineWithoutProcOrSysIsDescribedWithNulls(@TempDir Path root) {
        Map<String, Object> cpu = CpuProbe.describe(new SysFs(root), "amd64", 2);

        assertThat(cpu).containsEntry("model", null).containsEntry("logical_cores", null)
                .containsEntry("physical_cores", null).containsEntry("sockets", null)
                .containsEntry("isa_flags", null).containsEntry("available_processors", 2);
        assertThat(cpu.get("caches")).isEqualTo(Map.of());
        assertThat((Map<?, ?>) cpu.get("frequency")).allSatisfy((k, v) -> assertThat(v).as(k.toString()).isNull());
    }
}
