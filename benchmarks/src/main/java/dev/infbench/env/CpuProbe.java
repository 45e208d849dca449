package dev.infbench.env;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code cpu} section of {@code env.json}: identity and topology from {@code /proc/cpuinfo} and
 * {@code /sys/devices/system/cpu}, plus the volatile frequency and SMT state that hygiene checks read.
 */
public final class CpuProbe {
    /** x86 {@code flags} that decide which inference kernels a backend can use. */
    static final Set<String> X86_FLAGS = Set.of("sse4_2", "avx", "avx2", "fma", "f16c", "avx512f", "avx512bw",
            "avx512vl", "avx512_vnni", "avx512_bf16", "avx512_fp16", "avx_vnni", "amx_tile", "amx_bf16",
            "amx_int8", "amx_fp16");
    /** ARM {@code Features} with the same role: dot products, SVE, int8 and bf16/fp16 arithmetic. */
    static final Set<String> ARM_FLAGS = Set.of("asimd", "asimddp", "asimdhp", "fphp", "sve", "sve2", "i8mm",
            "bf16");

    /** ARM {@code CPU implementer} codes, as the kernel prints them. */
    private static final Map<String, String> ARM_IMPLEMENTERS = Map.of("0x41", "ARM", "0x42", "Broadcom",
            "0x43", "Cavium", "0x46", "Fujitsu", "0x48", "HiSilicon", "0x4e", "NVIDIA", "0x51", "Qualcomm",
            "0x61", "Apple", "0xc0", "Ampere");
    /** Parts of implementer 0x41 common on servers and boards; others are reported by their code. */
    private static final Map<String, String> ARM_PARTS = Map.of("0xd03", "Cortex-A53", "0xd05", "Cortex-A55",
            "0xd07", "Cortex-A57", "0xd08", "Cortex-A72", "0xd0b", "Cortex-A76", "0xd0c", "Neoverse-N1",
            "0xd40", "Neoverse-V1", "0xd49", "Neoverse-N2", "0xd4f", "Neoverse-V2");

    private static final String CPU_DIR = "/sys/devices/system/cpu";

    private CpuProbe() {
    }

    /** The kernel-relevant ISA flags of this machine's CPUs (as in env.json), or null when cpuinfo lists none. */
    public static List<String> isaFlags() {
        return CpuInfo.parse(SysFs.REAL.lines("/proc/cpuinfo")).isaFlags();
    }

    /** True on ARM, judged from cpuinfo's {@code Features} lines. */
    public static boolean isArm() {
        return CpuInfo.parse(SysFs.REAL.lines("/proc/cpuinfo")).arm;
    }

    static Map<String, Object> describe(SysFs fs, String arch, int availableProcessors) {
        CpuInfo info = CpuInfo.parse(fs.lines("/proc/cpuinfo"));
        Map<String, Object> cpu = new LinkedHashMap<>();
        cpu.put("model", info.model());
        cpu.put("vendor", info.vendor());
        cpu.put("arch", arch);
        Integer logical = info.logical > 0 ? Integer.valueOf(info.logical)
                : SysFs.cpuListCount(fs.read(CPU_DIR + "/online"));
        cpu.put("logical_cores", logical);
        Topology topology = info.coreIds.isEmpty() ? Topology.fromSysfs(fs)
                : new Topology(info.coreIds.size(), info.packageIds.size());
        cpu.put("physical_cores", topology.cores);
        cpu.put("sockets", topology.sockets);
        // What the JVM believes it may use; cpu_budget is the project's own reading of the same limits.
        cpu.put("available_processors", availableProcessors);
        cpu.put("isa_flags", info.isaFlags());
        cpu.put("caches", caches(fs));
        cpu.put("frequency", frequency(fs));
        cpu.put("smt", smt(fs));
        return cpu;
    }

    /** Cache sizes of cpu0 by name ({@code L1d, L1i, L2, L3}), in the kernel's units ({@code 32K}). */
    static Map<String, String> caches(SysFs fs) {
        Map<String, String> byName = new TreeMap<>();
        for (Path index : fs.numberedChildren(CPU_DIR + "/cpu0/cache", "index")) {
            String level = SysFs.read(index.resolve("level"));
            String type = SysFs.read(index.resolve("type"));
            String size = SysFs.read(index.resolve("size"));
            if (level == null || type == null || size == null) {
                continue;
            }
            String suffix = switch (type) {
                case "Data" -> "d";
                case "Instruction" -> "i";
                default -> "";
            };
            byName.putIfAbsent("L" + level + suffix, size);
        }
        return byName;
    }

    private static Map<String, Object> frequency(SysFs fs) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("min_mhz", mhz(fs.read(CPU_DIR + "/cpu0/cpufreq/cpuinfo_min_freq")));
        f.put("max_mhz", mhz(fs.read(CPU_DIR + "/cpu0/cpufreq/cpuinfo_max_freq")));
        f.put("governor", fs.read(CPU_DIR + "/cpu0/cpufreq/scaling_governor"));
        f.put("turbo", turbo(fs));
        return f;
    }

    private static Long mhz(String khz) {
        Long v = SysFs.parseLong(khz);
        return v == null ? null : v / 1000;
    }

    /** Whether the CPU may clock above its base frequency; null where no driver says. */
    static Boolean turbo(SysFs fs) {
        String noTurbo = fs.read(CPU_DIR + "/intel_pstate/no_turbo");
        if (noTurbo != null) {
            return noTurbo.equals("0");
        }
        for (String boost : List.of(CPU_DIR + "/cpufreq/boost", CPU_DIR + "/cpufreq/policy0/boost")) {
            String b = fs.read(boost);
            if (b != null) {
                return b.equals("1");
            }
        }
        return null;
    }

    private static Map<String, Object> smt(SysFs fs) {
        Map<String, Object> smt = new LinkedHashMap<>();
        String active = fs.read(CPU_DIR + "/smt/active");
        smt.put("active", active == null ? null : active.equals("1"));
        smt.put("control", fs.read(CPU_DIR + "/smt/control"));
        return smt;
    }

    private record Topology(Integer cores, Integer sockets) {
        /** Distinct (package, core) pairs over {@code cpuN/topology}: the way on ARM, where cpuinfo has no ids. */
        static Topology fromSysfs(SysFs fs) {
            Set<String> cores = new HashSet<>();
            Set<String> packages = new HashSet<>();
            for (Path cpu : fs.numberedChildren(CPU_DIR, "cpu")) {
                String pkg = SysFs.read(cpu.resolve("topology/physical_package_id"));
                String core = SysFs.read(cpu.resolve("topology/core_id"));
                if (pkg == null || core == null) {
                    return new Topology(null, null);
                }
                packages.add(pkg);
                cores.add(pkg + "/" + core);
            }
            return cores.isEmpty() ? new Topology(null, null) : new Topology(cores.size(), packages.size());
        }
    }

    /** The parts of {@code /proc/cpuinfo} the description uses. */
    static final class CpuInfo {
        String modelName;
        String vendorId;
        String armImplementer;
        String armPart;
        int logical;
        final Set<String> coreIds = new HashSet<>();
        final Set<String> packageIds = new HashSet<>();
        /** Flags every processor has: a kernel the backend picks must run on whichever core the OS chooses. */
        Set<String> flags;
        boolean arm;

        static CpuInfo parse(List<String> lines) {
            CpuInfo info = new CpuInfo();
            String packageId = "0";
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String k = line.substring(0, colon).trim();
                String v = line.substring(colon + 1).trim();
                switch (k) {
                    case "processor" -> {
                        info.logical++;
                        packageId = "0";
                    }
                    case "model name" -> info.modelName = info.modelName == null ? v : info.modelName;
                    case "vendor_id" -> info.vendorId = info.vendorId == null ? v : info.vendorId;
                    case "CPU implementer" ->
                            info.armImplementer = info.armImplementer == null ? v : info.armImplementer;
                    case "CPU part" -> info.armPart = info.armPart == null ? v : info.armPart;
                    case "physical id" -> {
                        packageId = v;
                        info.packageIds.add(v);
                    }
                    case "core id" -> info.coreIds.add(packageId + "/" + v);
                    case "flags" -> info.addFlags(v, false);
                    case "Features" -> info.addFlags(v, true);
                    default -> {
                    }
                }
            }
            if (info.packageIds.isEmpty() && !info.coreIds.isEmpty()) {
                info.packageIds.add("0");
            }
            return info;
        }

        private void addFlags(String list, boolean isArm) {
            Set<String> these = new LinkedHashSet<>(List.of(list.split("\\s+")));
            arm = isArm;
            if (flags == null) {
                flags = these;
            } else {
                flags.retainAll(these);
            }
        }

        /** The flags of interest this CPU has, sorted; null when cpuinfo lists no flags at all. */
        List<String> isaFlags() {
            if (flags == null) {
                return null;
            }
            Set<String> interest = arm ? ARM_FLAGS : X86_FLAGS;
            List<String> found = new ArrayList<>();
            for (String f : flags) {
                if (interest.contains(f)) {
                    found.add(f);
                }
            }
            found.sort(null);
            return found;
        }

        String model() {
            if (modelName != null) {
                return modelName;
            }
            if (armImplementer == null) {
                return null;
            }
            // aarch64 cpuinfo has no model name: name the core by its implementer and part codes.
            String part;
            if (armPart == null) {
                part = "part unknown";
            } else if ("0x41".equals(armImplementer) && ARM_PARTS.containsKey(armPart)) {
                part = ARM_PARTS.get(armPart) + " (part " + armPart + ")";
            } else {
                part = "part " + armPart;
            }
            return vendor() + " " + part;
        }

        String vendor() {
            if (vendorId != null) {
                return vendorId;
            }
            if (armImplementer == null) {
                return null;
            }
            return ARM_IMPLEMENTERS.getOrDefault(armImplementer, "implementer " + armImplementer);
        }
    }
}
