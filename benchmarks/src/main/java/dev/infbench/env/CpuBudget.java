package dev.infbench.env;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The number of cores this process may keep busy: the smaller of its CPU affinity (the cpuset it may be scheduled
 * on) and its cgroup CPU quota rounded up to whole cores. This is what {@code threads=0} means, and the figure
 * runs are compared on, because a 64-core host that gives a container 2 cores is a 2-core machine to a benchmark.
 */
public final class CpuBudget {
    private CpuBudget() {
    }

    /** The cores this process may use; what {@code threads=0} resolves to. */
    public static int cores() {
        return probe().cores();
    }

    /** The budget with the inputs it came from, read from this machine now. */
    public static Reading probe() {
        return probe(SysFs.REAL, CgroupLimits.read(SysFs.REAL), Runtime.getRuntime().availableProcessors());
    }

    static Reading probe(SysFs fs, CgroupLimits cgroup, int jvmAvailableProcessors) {
        String affinityList = null;
        for (String line : fs.lines("/proc/self/status")) {
            if (line.startsWith("Cpus_allowed_list:")) {
                affinityList = line.substring("Cpus_allowed_list:".length()).strip();
            }
        }
        Integer affinity = SysFs.cpuListCount(affinityList);
        String limitedBy = "affinity";
        if (affinity == null) {
            affinityList = cgroup.cpuset();
            affinity = SysFs.cpuListCount(affinityList);
            limitedBy = "cpuset";
        }
        Integer quota = cgroup.quotaCores();
        int cores;
        if (affinity == null && quota == null) {
            cores = jvmAvailableProcessors;
            limitedBy = "jvm";
        } else if (affinity == null || (quota != null && quota < affinity)) {
            cores = quota;
            limitedBy = "quota";
        } else {
            cores = affinity;
        }
        return new Reading(Math.max(1, cores), limitedBy, affinity, affinityList,
                quota == null ? null : cgroup.quotaUs(), quota == null ? null : cgroup.periodUs(), quota,
                jvmAvailableProcessors);
    }

    /**
     * One reading of the budget.
     *
     * @param cores                  the budget, at least 1
     * @param limitedBy              which input set it: {@code affinity} ({@code /proc/self/status
     *                               Cpus_allowed_list}), {@code cpuset} (the cgroup's, where the affinity could not
     *                               be read), {@code quota} (the cgroup CPU quota), or {@code jvm} (none could be
     *                               read: the JVM's own count)
     * @param affinityCpus           CPUs in the affinity list, or null
     * @param affinityList           the affinity list ({@code 0-3}), or null
     * @param quotaUs                the binding cgroup CPU quota per period in microseconds, or null without a quota
     * @param periodUs               that quota's period, or null
     * @param quotaCores             the quota in whole cores, rounded up, or null without a quota
     * @param jvmAvailableProcessors {@link Runtime#availableProcessors()}, for comparison
     */
    public record Reading(int cores, String limitedBy, Integer affinityCpus, String affinityList, Long quotaUs,
            Long periodUs, Integer quotaCores, int jvmAvailableProcessors) {

        /** The {@code cpu_budget} section of {@code env.json}. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cores", cores);
            m.put("limited_by", limitedBy);
            m.put("affinity_cpus", affinityCpus);
            m.put("affinity_list", affinityList);
            m.put("quota_us", quotaUs);
            m.put("period_us", periodUs);
            m.put("quota_cores", quotaCores);
            m.put("jvm_available_processors", jvmAvailableProcessors);
            return m;
        }
    }
}
