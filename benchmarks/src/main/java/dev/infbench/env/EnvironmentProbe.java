package dev.infbench.env;

import dev.infbench.format.EnvFile;
import dev.infbench.format.Schemas;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Describes the machine and software a run was made on ({@code env.json}). Runs in the launcher: reads
 * {@code /proc}, {@code /sys}, system properties and the Maven metadata bundled in the jar, and loads no native
 * library and starts no process, so it cannot hang on a broken driver. Fields that cannot be read on this OS are
 * {@code null}, never guessed.
 *
 * <p>Top-level sections: {@code schema, probed_at, host, keys} (see {@link Fingerprint}), {@code cpu, cpu_budget}
 * (see {@link CpuBudget}), {@code memory, cgroup, load_average, os, gpu, jvm, software, models}.
 */
public final class EnvironmentProbe {

    private static final String VERSIONS = "/dev/infbench/versions.properties";
    private static final Pattern NVIDIA_DRIVER = Pattern.compile("Kernel Module.*?\\s(\\d+\\.\\d+(?:\\.\\d+)*)\\s");
    private static final double GIB = 1024.0 * 1024 * 1024;

    private EnvironmentProbe() {
    }

    /**
     * The description of this machine and run, as written to {@code env.json}.
     *
     * @param modelSha256 model name → lower-case hex SHA-256 of each model file the run uses
     *                    (see {@link Fingerprint#sha256(InputStream)})
     */
    public static Map<String, Object> describe(Map<String, String> modelSha256) {
        return describe(SysFs.REAL, modelSha256);
    }

    static Map<String, Object> describe(Path root, Map<String, String> modelSha256) {
        return describe(new SysFs(root), modelSha256);
    }

    private static Map<String, Object> describe(SysFs fs, Map<String, String> modelSha256) {
        int jvmProcessors = Runtime.getRuntime().availableProcessors();
        CgroupLimits cgroup = CgroupLimits.read(fs);
        Map<String, Object> env = new LinkedHashMap<>();
        env.put(EnvFile.SCHEMA, Schemas.ENV);
        env.put("probed_at", Instant.now().toString());
        env.put("host", hostname(fs));
        env.put("keys", null); // placed here for readers; filled once the fields it covers are known
        env.put("cpu", CpuProbe.describe(fs, System.getProperty("os.arch"), jvmProcessors));
        env.put("cpu_budget", CpuBudget.probe(fs, cgroup, jvmProcessors).toMap());
        env.put("memory", memory(fs));
        env.put("cgroup", cgroup.toMap());
        env.put("load_average", loadAverage(fs));
        env.put("os", os(fs));
        env.put("gpu", gpu(fs));
        env.put("jvm", jvm());
        env.put("software", software());
        env.put("models", modelSha256 == null ? new TreeMap<>() : new TreeMap<>(modelSha256));
        env.put("keys", Fingerprint.keys(env));
        return env;
    }

    /**
     * The load average now ({@code 1m, 5m, 15m}), to record at the end of a run beside the one at its start; null
     * where {@code /proc/loadavg} cannot be read.
     */
    public static Map<String, Object> loadAverage() {
        return loadAverage(SysFs.REAL);
    }

    static Map<String, Object> loadAverage(SysFs fs) {
        String line = fs.read("/proc/loadavg");
        if (line == null) {
            return null;
        }
        String[] parts = line.split("\\s+");
        if (parts.length < 3) {
            return null;
        }
        Map<String, Object> load = new LinkedHashMap<>();
        try {
            load.put("1m", Double.parseDouble(parts[0]));
            load.put("5m", Double.parseDouble(parts[1]));
            load.put("15m", Double.parseDouble(parts[2]));
        } catch (NumberFormatException e) {
            return null;
        }
        return load;
    }

    private static String hostname(SysFs fs) {
        String h = fs.read("/proc/sys/kernel/hostname");
        if (h != null) {
            return h;
        }
        h = System.getenv("HOSTNAME") != null ? System.getenv("HOSTNAME") : System.getenv("COMPUTERNAME");
        if (h != null) {
            return h;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return null;
        }
    }

    static Map<String, Object> memory(SysFs fs) {
        Map<String, Object> mem = new LinkedHashMap<>();
        Long total = null;
        Long available = null;
        for (String line : fs.lines("/proc/meminfo")) {
            if (line.startsWith("MemTotal:")) {
                total = kib(line);
            } else if (line.startsWith("MemAvailable:")) {
                available = kib(line);
            }
        }
        mem.put("total_bytes", total);
        // The kernel's total moves by a few MiB between boots; the key compares whole GiB.
        mem.put("total_gib", total == null ? null : Math.round(total / GIB));
        mem.put("available_bytes", available);
        List<Map<String, Object>> nodes = null;
        List<Path> nodeDirs = fs.numberedChildren("/sys/devices/system/node", "node");
        if (!nodeDirs.isEmpty()) {
            nodes = new ArrayList<>();
            for (Path dir : nodeDirs) {
                Map<String, Object> node = new LinkedHashMap<>();
                node.put("node", SysFs.number(dir, "node"));
                node.put("cpulist", SysFs.read(dir.resolve("cpulist")));
                nodes.add(node);
            }
        }
        mem.put("numa_node_count", nodes == null ? null : nodes.size());
        mem.put("numa_nodes", nodes);
        mem.put("jvm_max_heap_bytes", Runtime.getRuntime().maxMemory());
        return mem;
    }

    private static Long kib(String meminfoLine) {
        String digits = meminfoLine.replaceAll("\\D", "");
        return digits.isEmpty() ? null : Long.parseLong(digits) * 1024L;
    }

    private static Map<String, Object> os(SysFs fs) {
        Map<String, Object> os = new LinkedHashMap<>();
        os.put("name", System.getProperty("os.name"));
        String kernel = fs.read("/proc/sys/kernel/osrelease");
        os.put("kernel", kernel != null ? kernel : System.getProperty("os.version"));
        String pretty = null;
        for (String file : List.of("/etc/os-release", "/usr/lib/os-release")) {
            for (String line : fs.lines(file)) {
                if (line.startsWith("PRETTY_NAME=")) {
                    pretty = line.substring("PRETTY_NAME=".length()).replace("\"", "").replace("'", "").strip();
                }
            }
            if (pretty != null) {
                break;
            }
        }
        os.put("distribution", pretty);
        return os;
    }

    /** NVIDIA GPUs as the loaded kernel driver lists them; no driver, no GPUs (and no nvidia-smi, which can hang). */
    static Map<String, Object> gpu(SysFs fs) {
        Map<String, Object> gpu = new LinkedHashMap<>();
        String version = fs.read("/proc/driver/nvidia/version");
        String driver = null;
        if (version != null) {
            Matcher m = NVIDIA_DRIVER.matcher(version.lines().findFirst().orElse("") + " ");
            driver = m.find() ? m.group(1) : null;
        }
        gpu.put("driver", driver);
        List<Map<String, Object>> gpus = new ArrayList<>();
        for (Path dir : fs.children("/proc/driver/nvidia/gpus")) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("bus", dir.getFileName().toString());
            String info = SysFs.read(dir.resolve("information"));
            if (info != null) {
                info.lines().forEach(line -> {
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        String key = line.substring(0, colon).strip().toLowerCase().replaceAll("[^a-z0-9]+", "_");
                        one.putIfAbsent(key, line.substring(colon + 1).strip());
                    }
                });
            }
            one.putIfAbsent("model", null);
            gpus.add(one);
        }
        gpu.put("models", gpus.stream().map(g -> g.get("model")).filter(m -> m != null)
                .map(Object::toString).sorted().toList());
        gpu.put("gpus", gpus);
        return gpu;
    }

    private static Map<String, Object> jvm() {
        Map<String, Object> jvm = new LinkedHashMap<>();
        jvm.put("version", System.getProperty("java.version"));
        jvm.put("vendor", System.getProperty("java.vendor"));
        jvm.put("vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        jvm.put("home", System.getProperty("java.home"));
        jvm.put("input_arguments", ManagementFactory.getRuntimeMXBean().getInputArguments());
        return jvm;
    }

    /**
     * Versions of what does the work, as pinned by the build that made this jar, and the build's {@code git_commit}
     * (null unless the build recorded one).
     */
    static Map<String, Object> software() {
        Map<String, Object> sw = new LinkedHashMap<>();
        Properties p = new Properties();
        try (InputStream in = EnvironmentProbe.class.getResourceAsStream(VERSIONS)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // leave the versions out rather than guess them
        }
        for (String name : p.stringPropertyNames().stream().sorted().toList()) {
            String v = p.getProperty(name).strip();
            // A property the build could not fill stays "${...}" after resource filtering: unknown, not a version.
            sw.put(name, v.isEmpty() || v.startsWith("${") ? null : v);
        }
        sw.putIfAbsent("git_commit", null);
        return sw;
    }

    /** The version of one component ({@code jmh}, {@code onnxruntime}...) as pinned by the build, or null. */
    public static String version(String component) {
        Object v = software().get(component);
        return v == null ? null : v.toString();
    }
}
