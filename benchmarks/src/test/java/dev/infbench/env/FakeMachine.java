package dev.infbench.env;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fake {@code /proc}, {@code /sys} and {@code /etc} tree under a temporary folder, built file by file. */
final class FakeMachine {
    static final String X86_FLAGS = "fpu vme sse sse2 ssse3 sse4_1 sse4_2 fma avx f16c avx2 avx512f avx512dq "
            + "avx512bw avx512vl avx512_vnni avx512_bf16 amx_tile amx_bf16 amx_int8 hypervisor";

    final Path root;

    FakeMachine(Path root) {
        this.root = root;
    }

    FakeMachine write(String machinePath, String content) {
        Path p = root.resolve(machinePath.substring(1));
        try {
            Files.createDirectories(p.getParent());
            Files.writeString(p, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    FakeMachine delete(String machinePath) {
        try {
            Files.deleteIfExists(root.resolve(machinePath.substring(1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    SysFs fs() {
        return new SysFs(root);
    }

    /** x86 cpuinfo: 2 sockets × 2 cores × 2 threads, every processor with {@code flags}. */
    static String x86CpuInfo(String model, String flags) {
        StringBuilder sb = new StringBuilder();
        int processor = 0;
        for (int socket = 0; socket < 2; socket++) {
            for (int core = 0; core < 2; core++) {
                for (int thread = 0; thread < 2; thread++) {
                    sb.append("processor\t: ").append(processor++).append('\n')
                            .append("vendor_id\t: GenuineIntel\n")
                            .append("model name\t: ").append(model).append('\n')
                            .append("cpu MHz\t\t: ").append(2000 + processor).append(".123\n")
                            .append("physical id\t: ").append(socket).append('\n')
                            .append("core id\t\t: ").append(core).append('\n')
                            .append("flags\t\t: ").append(flags).append("\n\n");
                }
            }
        }
        return sb.toString();
    }

    /** A two-socket Xeon with AVX-512 and AMX, 256 GiB, two NUMA nodes, cgroup v2 without a quota. */
    static FakeMachine xeon(Path root) {
        FakeMachine m = new FakeMachine(root)
                .write("/proc/cpuinfo", x86CpuInfo("Intel(R) Xeon(R) Platinum 8480+", X86_FLAGS))
                .write("/proc/meminfo",
                        "MemTotal:       263855888 kB\nMemFree:        1000 kB\nMemAvailable:   200000000 kB\n")
                .write("/proc/loadavg", "0.10 0.20 0.30 1/200 1234\n")
                .write("/proc/self/status", "Name:\tjava\nCpus_allowed:\tff\nCpus_allowed_list:\t0-7\n")
                .write("/proc/self/cgroup", "0::/bench\n")
                .write("/proc/sys/kernel/hostname", "lab-1\n")
                .write("/proc/sys/kernel/osrelease", "6.1.0-18-amd64\n")
                .write("/etc/os-release", "NAME=\"Debian GNU/Linux\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n")
                .write("/sys/devices/system/cpu/online", "0-7\n")
                .write("/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_min_freq", "800000\n")
                .write("/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq", "3800000\n")
                .write("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor", "performance\n")
                .write("/sys/devices/system/cpu/intel_pstate/no_turbo", "0\n")
                .write("/sys/devices/system/cpu/smt/active", "1\n")
                .write("/sys/devices/system/cpu/smt/control", "on\n")
                .write("/sys/devices/system/node/node0/cpulist", "0-3\n")
                .write("/sys/devices/system/node/node1/cpulist", "4-7\n")
                .write("/sys/fs/cgroup/cgroup.controllers", "cpuset cpu io memory pids\n")
                .write("/sys/fs/cgroup/bench/cpu.max", "max 100000\n")
                .write("/sys/fs/cgroup/bench/cpuset.cpus.effective", "0-7\n")
                .write("/sys/fs/cgroup/bench/memory.max", "max\n");
        cache(m, 0, "1", "Data", "48K");
        cache(m, 1, "1", "Instruction", "32K");
        cache(m, 2, "2", "Unified", "2048K");
        cache(m, 3, "3", "Unified", "107520K");
        return m;
    }

    static void cache(FakeMachine m, int index, String level, String type, String size) {
        String dir = "/sys/devices/system/cpu/cpu0/cache/index" + index + "/";
        m.write(dir + "level", level + "\n").write(dir + "type", type + "\n").write(dir + "size", size + "\n");
    }

    /** An aarch64 Neoverse-N1 with 4 cores, as Graviton2 and Ampere Altra print it. */
    static FakeMachine neoverse(Path root) {
        StringBuilder cpuinfo = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            cpuinfo.append("processor\t: ").append(i).append('\n')
                    .append("BogoMIPS\t: 243.75\n")
                    .append("Features\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid "
                            + "asimdrdm lrcpc dcpop asimddp ssbs\n")
                    .append("CPU implementer\t: 0x41\nCPU architecture: 8\nCPU variant\t: 0x3\n")
                    .append("CPU part\t: 0xd0c\nCPU revision\t: 1\n\n");
        }
        FakeMachine m = new FakeMachine(root).write("/proc/cpuinfo", cpuinfo.toString());
        for (int i = 0; i < 4; i++) {
            m.write("/sys/devices/system/cpu/cpu" + i + "/topology/physical_package_id", "0\n")
                    .write("/sys/devices/system/cpu/cpu" + i + "/topology/core_id", i + "\n");
        }
        cache(m, 0, "1", "Data", "64K");
        cache(m, 1, "1", "Instruction", "64K");
        cache(m, 2, "2", "Unified", "1024K");
        return m;
    }
}
