package dev.infbench.env;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CPU quota, cpuset and memory limit of this process's cgroup (v2, or v1 controllers), read from
 * {@code /proc/self/cgroup} and {@code /sys/fs/cgroup}. A limit set on an ancestor cgroup binds as well, so each
 * limit is the tightest one from the process's cgroup up to the mount's root.
 *
 * @param version      1 or 2; null where no cgroup file system is mounted
 * @param path         the process's cgroup as {@code /proc/self/cgroup} names it (the cpu controller's on v1)
 * @param quotaUs      CPU time allowed per period, microseconds; null when there is no quota
 * @param periodUs     the period of that quota
 * @param quotaFile    the file the binding quota was read from
 * @param cpuset       the effective cpuset of the cgroup
 * @param memoryLimit  bytes; null when there is no limit
 */
record CgroupLimits(Integer version, String path, Long quotaUs, Long periodUs, String quotaFile, String cpuset,
        Long memoryLimit) {

    private static final String MOUNT = "/sys/fs/cgroup";
    /** v1 reports "no limit" as the largest page-aligned counter (9223372036854771712), not as -1. */
    private static final long UNLIMITED = 1L << 62;

    static CgroupLimits read(SysFs fs) {
        List<String> procCgroup = fs.lines("/proc/self/cgroup");
        if (Files.isRegularFile(fs.path(MOUNT + "/cgroup.controllers"))) {
            return v2(fs, pathOf(procCgroup, null));
        }
        if (Files.isDirectory(fs.path(MOUNT + "/cpu")) || Files.isDirectory(fs.path(MOUNT + "/cpuset"))
                || Files.isDirectory(fs.path(MOUNT + "/memory"))) {
            return v1(fs, procCgroup);
        }
        return new CgroupLimits(null, null, null, null, null, null, null);
    }

    private static CgroupLimits v2(SysFs fs, String path) {
        List<Path> dirs = upwards(fs, MOUNT, path);
        Quota quota = null;
        Long memory = null;
        for (Path dir : dirs) {
            String max = SysFs.read(dir.resolve("cpu.max"));
            if (max != null) {
                String[] parts = max.split("\\s+");
                Long q = parts[0].equals("max") ? null : SysFs.parseLong(parts[0]);
                Long period = parts.length > 1 ? SysFs.parseLong(parts[1]) : Long.valueOf(100_000);
                quota = Quota.tighter(quota, new Quota(q, period, fs.machinePath(dir.resolve("cpu.max"))));
            }
            memory = tighter(memory, limit(SysFs.read(dir.resolve("memory.max"))));
        }
        String cpuset = first(dirs, "cpuset.cpus.effective");
        return new CgroupLimits(2, path, quota == null ? null : quota.quotaUs, quota == null ? null : quota.periodUs,
                quota == null || quota.quotaUs == null ? null : quota.file, cpuset, memory);
    }

    private static CgroupLimits v1(SysFs fs, List<String> procCgroup) {
        String cpuMount = Files.isDirectory(fs.path(MOUNT + "/cpu")) ? MOUNT + "/cpu" : MOUNT + "/cpu,cpuacct";
        String cpuPath = pathOf(procCgroup, "cpu");
        Quota quota = null;
        for (Path dir : upwards(fs, cpuMount, cpuPath)) {
            Long q = SysFs.parseLong(SysFs.read(dir.resolve("cpu.cfs_quota_us")));
            Long period = SysFs.parseLong(SysFs.read(dir.resolve("cpu.cfs_period_us")));
            if (q != null && period != null) {
                quota = Quota.tighter(quota, new Quota(q < 0 ? null : q, period,
                        fs.machinePath(dir.resolve("cpu.cfs_quota_us"))));
            }
        }
        String cpuset = first(upwards(fs, MOUNT + "/cpuset", pathOf(procCgroup, "cpuset")), "cpuset.effective_cpus");
        Long memory = null;
        for (Path dir : upwards(fs, MOUNT + "/memory", pathOf(procCgroup, "memory"))) {
            memory = tighter(memory, limit(SysFs.read(dir.resolve("memory.limit_in_bytes"))));
        }
        return new CgroupLimits(1, cpuPath, quota == null ? null : quota.quotaUs, quota == null ? null : quota.periodUs,
                quota == null || quota.quotaUs == null ? null : quota.file, cpuset, memory);
    }

    /**
     * The cgroup's directory and its ancestors up to the mount. Inside a container without a cgroup namespace the
     * named path does not exist under the mount (the mount already is the container's cgroup): then only the mount.
     */
    private static List<Path> upwards(SysFs fs, String mount, String path) {
        Path top = fs.path(mount);
        if (!Files.isDirectory(top)) {
            return List.of();
        }
        Path leaf = path == null ? top : top.resolve(path.startsWith("/") ? path.substring(1) : path).normalize();
        if (!leaf.startsWith(top) || !Files.isDirectory(leaf)) {
            leaf = top;
        }
        List<Path> dirs = new ArrayList<>();
        for (Path d = leaf; d != null && d.startsWith(top); d = d.getParent()) {
            dirs.add(d);
        }
        return dirs;
    }

    /** The path of one controller (v1) or of the unified hierarchy (v2, {@code controller} null). */
    private static String pathOf(List<String> procCgroup, String controller) {
        for (String line : procCgroup) {
            String[] parts = line.split(":", 3);
            if (parts.length < 3) {
                continue;
            }
            boolean match = controller == null ? parts[0].equals("0") && parts[1].isEmpty()
                    : List.of(parts[1].split(",")).contains(controller);
            if (match) {
                return parts[2];
            }
        }
        return null;
    }

    private static String first(List<Path> dirs, String file) {
        for (Path dir : dirs) {
            String v = SysFs.read(dir.resolve(file));
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static Long limit(String raw) {
        if (raw == null || raw.equals("max")) {
            return null;
        }
        Long v = SysFs.parseLong(raw);
        return v == null || v < 0 || v >= UNLIMITED ? null : v;
    }

    private static Long tighter(Long a, Long b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return Math.min(a, b);
    }

    /** The number of whole cores the quota allows (150000/100000 → 2); null without a quota. */
    Integer quotaCores() {
        if (quotaUs == null || periodUs == null || periodUs <= 0) {
            return null;
        }
        return (int) Math.max(1, (quotaUs + periodUs - 1) / periodUs);
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", version);
        m.put("path", path);
        m.put("cpu_quota_us", quotaUs);
        m.put("cpu_period_us", periodUs);
        m.put("cpu_quota_file", quotaFile);
        m.put("cpuset", cpuset);
        m.put("memory_limit_bytes", memoryLimit);
        return m;
    }

    private record Quota(Long quotaUs, Long periodUs, String file) {
        Quota {
            if (periodUs == null || periodUs <= 0) {
                quotaUs = null; // a quota without a usable period limits nothing we can compute
            }
        }

        /** The quota allowing fewer cores; "no quota" loses to any quota. */
        static Quota tighter(Quota a, Quota b) {
            if (a == null || a.quotaUs == null) {
                return b.quotaUs == null && a != null ? a : b;
            }
            if (b.quotaUs == null) {
                return a;
            }
            return (double) b.quotaUs / b.periodUs < (double) a.quotaUs / a.periodUs ? b : a;
        }
    }
}
