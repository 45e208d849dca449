package dev.infbench.env;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infbench.format.Json;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintTest {
    private static final Map<String, String> MODELS = Map.of("minilm", "ab".repeat(32));

    private static String hardware(Map<String, Object> env) {
        return (String) Fingerprint.field(env, "keys.hardware");
    }

    private static String software(Map<String, Object> env) {
        return (String) Fingerprint.field(env, "keys.software");
    }

    @Test
    void twoProbesOfThisMachineHaveTheSameKeys() {
        Map<String, Object> a = EnvironmentProbe.describe(MODELS);
        Map<String, Object> b = EnvironmentProbe.describe(MODELS);

        assertThat(hardware(a)).hasSize(16).matches("[0-9a-f]+").isEqualTo(hardware(b));
        assertThat(software(a)).hasSize(16).isEqualTo(software(b));
    }

    @Test
    void aDifferentCpuModelIsDifferentHardware(@TempDir Path a, @TempDir Path b) {
        FakeMachine.xeon(a);
        FakeMachine.xeon(b).write("/proc/cpuinfo",
                FakeMachine.x86CpuInfo("Intel(R) Xeon(R) Platinum 8380", FakeMachine.X86_FLAGS));

        assertThat(hardware(EnvironmentProbe.describe(a, MODELS)))
                .isNotEqualTo(hardware(EnvironmentProbe.describe(b, MODELS)));
    }

    @Test
    void aSmallerCpuBudgetIsDifferentHardware(@TempDir Path a, @TempDir Path b) {
        FakeMachine.xeon(a);
        FakeMachine.xeon(b).write("/sys/fs/cgroup/bench/cpu.max", "200000 100000\n");

        assertThat(hardware(EnvironmentProbe.describe(a, MODELS)))
                .isNotEqualTo(hardware(EnvironmentProbe.describe(b, MODELS)));
    }

    @Test
    void loadGovernorTurboSmtHostAndFreeMemoryAreNotHardware(@TempDir Path a, @TempDir Path b) {
        FakeMachine.xeon(a);
        FakeMachine.xeon(b)
                .write("/proc/loadavg", "7.50 6.00 5.00 9/300 999\n")
                .write("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor", "powersave\n")
                .write("/sys/devices/system/cpu/intel_pstate/no_turbo", "1\n")
                .write("/sys/devices/system/cpu/smt/active", "0\n")
                .write("/sys/devices/system/cpu/smt/control", "off\n")
                .write("/proc/sys/kernel/hostname", "lab-2\n")
                // a few MiB less after a reboot, the same 252 GiB
                .write("/proc/meminfo", "MemTotal:       263850000 kB\nMemAvailable:   1000 kB\n");

        Map<String, Object> envA = EnvironmentProbe.describe(a, MODELS);
        Map<String, Object> envB = EnvironmentProbe.describe(b, MODELS);
        assertThat(hardware(envA)).isEqualTo(hardware(envB));
        assertThat(software(envA)).isEqualTo(software(envB));
    }

    @Test
    void anotherModelFileIsOtherSoftwareOnTheSameHardware(@TempDir Path a) {
        FakeMachine.xeon(a);
        Map<String, Object> one = EnvironmentProbe.describe(a, MODELS);
        Map<String, Object> other = EnvironmentProbe.describe(a, Map.of("minilm", "cd".repeat(32)));

        assertThat(hardware(one)).isEqualTo(hardware(other));
        assertThat(software(one)).isNotEqualTo(software(other));
    }

    @Test
    void keysRecomputedFromAParsedEnvJsonEqualTheStoredOnes(@TempDir Path a) throws Exception {
        FakeMachine.xeon(a);
        Map<String, Object> env = EnvironmentProbe.describe(a, MODELS);
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(env), Map.class);

        assertThat(Fingerprint.hardwareKey(parsed)).isEqualTo(hardware(env));
        assertThat(Fingerprint.softwareKey(parsed)).isEqualTo(software(env));
        assertThat(parsed.get("keys")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("hardware_fields", Fingerprint.HARDWARE_FIELDS)
                .containsEntry("software_fields", Fingerprint.SOFTWARE_FIELDS);
    }

    @Test
    void everyKeyFieldIsAPathInEnvJson(@TempDir Path a) {
        FakeMachine.xeon(a);
        Map<String, Object> env = EnvironmentProbe.describe(a, MODELS);

        for (String f : Fingerprint.HARDWARE_FIELDS) {
            if (!f.equals("gpu.models")) {
                assertThat(Fingerprint.field(env, f)).as(f).isNotNull();
            }
        }
        for (String f : Fingerprint.SOFTWARE_FIELDS) {
            assertThat(Fingerprint.field(env, f)).as(f).isNotNull();
        }
    }

    @Test
    void sha256IsLowerCaseHex() throws Exception {
        assertThat(Fingerprint.sha256(new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
