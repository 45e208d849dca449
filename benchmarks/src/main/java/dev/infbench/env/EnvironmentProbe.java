package dev.infbench.env;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Describes the machine and software a run was made on ({@code env.json}). Runs in the launcher: reads
 * {@code /proc}, system properties and the Maven metadata bundled in the jar, and loads no native library.
 * Fields that cannot be read on this OS are {@code null}, never guessed.
 */
public final class EnvironmentProbe {
    /** Layout version of {@code env.json}. */
    public static final int SCHEMA = 1;

    private EnvironmentProbe() {
    }

    public static Map<String, Object> describe() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("schema", SCHEMA);
        env.put("host", hostname());
        env.put("cpu", cpu());
        env.put("memory", memory());
        env.put("os", os());
        env.put("jvm", jvm());
        env.put("software", software());
        return env;
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return System.getenv().getOrDefault("HOSTNAME", null);
        }
    }

    static Map<String, Object> cpu() {
        Map<String, Object> cpu = new LinkedHashMap<>();
        List<String> info = lines(Path.of("/proc/cpuinfo"));
        String model = null;
        int logical = 0;
        Set<String> physical = new HashSet<>();
        String physicalId = "0";
        for (String line : info) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String k = line.substring(0, colon).trim();
            String v = line.substring(colon + 1).trim();
            switch (k) {
                case "model name" -> model = model == null ? v : model;
                case "processor" -> logical++;
                case "physical id" -> physicalId = v;
                case "core id" -> physical.add(physicalId + "/" + v);
                default -> {
                }
            }
        }
        cpu.put("model", model);
        cpu.put("arch", System.getProperty("os.arch"));
        cpu.put("logical_cores", logical > 0 ? logical : null);
        cpu.put("physical_cores", physical.isEmpty() ? null : physical.size());
        // What this process may use (cgroup quota and cpuset), which is what threads=0 resolves to.
        cpu.put("available_processors", Runtime.getRuntime().availableProcessors());
        return cpu;
    }

    private static Map<String, Object> memory() {
        Map<String, Object> mem = new LinkedHashMap<>();
        for (String line : lines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                mem.put("total_bytes", Long.parseLong(line.replaceAll("\\D", "")) * 1024L);
            }
        }
        mem.putIfAbsent("total_bytes", null);
        mem.put("jvm_max_heap_bytes", Runtime.getRuntime().maxMemory());
        return mem;
    }

    private static Map<String, Object> os() {
        Map<String, Object> os = new LinkedHashMap<>();
        os.put("name", System.getProperty("os.name"));
        os.put("version", System.getProperty("os.version"));
        String pretty = null;
        for (String line : lines(Path.of("/etc/os-release"))) {
            if (line.startsWith("PRETTY_NAME=")) {
                pretty = line.substring("PRETTY_NAME=".length()).replace("\"", "");
            }
        }
        os.put("distribution", pretty);
        return os;
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

    /** Versions of what does the work, as pinned by the build that made this jar. */
    static Map<String, Object> software() {
        Map<String, Object> sw = new LinkedHashMap<>();
        Properties p = new Properties();
        try (InputStream in = EnvironmentProbe.class.getResourceAsStream("/dev/infbench/versions.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // leave the versions out rather than guess them
        }
        for (String name : p.stringPropertyNames().stream().sorted().toList()) {
            sw.put(name, p.getProperty(name));
        }
        return sw;
    }

    /** The version of one component ({@code jmh}, {@code onnxruntime}...) as pinned by the build, or null. */
    public static String version(String component) {
        Object v = software().get(component);
        return v == null ? null : v.toString();
    }

    private static List<String> lines(Path p) {
        try {
            return Files.isReadable(p) ? Files.readAllLines(p) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }
}
