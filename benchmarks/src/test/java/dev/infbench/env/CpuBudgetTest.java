package dev.infbench.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuBudgetTest {

    private static FakeMachine v2(Path root, String affinity, String cpuMax) {
        return new FakeMachine(root)
                .write("/proc/self/status", "Name:\tjava\nCpus_allowed_list:\t" + affinity + "\n")
                .write("/proc/self/cgroup", "0::/job\n")
                .write("/sys/fs/cgroup/cgroup.controllers", "cpuset cpu memory\n")
                .write("/sys/fs/cgroup/job/cpu.max", cpuMax + "\n");
    }

    private static FakeMachine v1(Path root, String affinity, String quota, String period) {
        return new FakeMachine(root)
                .write("/proc/self/status", "Cpus_allowed_list:\t" + affinity + "\n")
                .write("/proc/self/cgroup", "4:memory:/job\n3:cpuset:/\n1:cpu,cpuacct:/job\n0::/\n")
                .write("/sys/fs/cgroup/cpu/job/cpu.cfs_quota_us", quota + "\n")
                .write("/sys/fs/cgroup/cpu/job/cpu.cfs_period_us", period + "\n")
                .write("/sys/fs/cgroup/cpuset/cpuset.effective_cpus", affinity + "\n")
                .write("/sys/fs/cgroup/memory/job/memory.limit_in_bytes", "9223372036854771712\n");
    }

    private static CpuBudget.Reading budget(FakeMachine m) {
        return CpuBudget.probe(m.fs(), CgroupLimits.read(m.fs()), 99);
    }

    @Test
    void aQuotaOfOneAndAHalfCoresOnFourAllowedCpusGivesTwo(@TempDir Path root) {
        CpuBudget.Reading b = budget(v2(root, "0-3", "150000 100000"));

        assertThat(b.cores()).isEqualTo(2);
        assertThat(b.limitedBy()).isEqualTo("quota");
        assertThat(b.affinityCpus()).isEqualTo(4);
        assertThat(b.quotaUs()).isEqualTo(150000L);
        assertThat(b.periodUs()).isEqualTo(100000L);
        assertThat(b.quotaCores()).isEqualTo(2);
    }

    @Test
    void withoutAQuotaTheAffinityIsTheBudget(@TempDir Path root) {
        CpuBudget.Reading b = budget(v2(root, "0-3", "max 100000"));

        assertThat(b.cores()).isEqualTo(4);
        assertThat(b.limitedBy()).isEqualTo("affinity");
        assertThat(b.quotaCores()).isNull();
        assertThat(b.quotaUs()).isNull();
    }

    @Test
    void anAffinitySmallerThanTheQuotaWins(@TempDir Path root) {
        CpuBudget.Reading b = budget(v2(root, "2,5", "400000 100000"));

        assertThat(b.cores()).isEqualTo(2);
        assertThat(b.limitedBy()).isEqualTo("affinity");
        assertThat(b.affinityList()).isEqualTo("2,5");
    }

    @Test
    void aQuotaOfLessThanOneCoreStillGivesOne(@TempDir Path root) {
        assertThat(budget(v2(root, "0-3", "50000 100000")).cores()).isEqualTo(1);
    }

    @Test
    void aQuotaOnAnAncestorCgroupBinds(@TempDir Path root) {
        FakeMachine m = v2(root, "0-7", "max 100000")
                .write("/proc/self/cgroup", "0::/job/step\n")
                .write("/sys/fs/cgroup/job/step/cpu.max", "max 100000\n")
                .write("/sys/fs/cgroup/job/cpu.max", "300000 100000\n");

        CpuBudget.Reading b = budget(m);
        assertThat(b.cores()).isEqualTo(3);
        assertThat(CgroupLimits.read(m.fs()).quotaFile()).isEqualTo("/sys/fs/cgroup/job/cpu.max");
    }

    @Test
    void insideAContainerWithoutACgroupNamespaceTheMountIsTheCgroup(@TempDir Path root) {
        FakeMachine m = new FakeMachine(root)
                .write("/proc/self/status", "Cpus_allowed_list:\t0-15\n")
                .write("/proc/self/cgroup", "0::/system.slice/docker-abc.scope\n")
                .write("/sys/fs/cgroup/cgroup.controllers", "cpu\n")
                .write("/sys/fs/cgroup/cpu.max", "200000 100000\n");

        assertThat(budget(m).cores()).isEqualTo(2);
    }

    @Test
    void cgroupV1QuotaIsRead(@TempDir Path root) {
        CpuBudget.Reading b = budget(v1(root, "0-7", "250000", "100000"));

        assertThat(b.cores()).isEqualTo(3);
        assertThat(b.limitedBy()).isEqualTo("quota");
    }

    @Test
    void cgroupV1WithoutQuotaUsesTheAffinity(@TempDir Path root) {
        FakeMachine m = v1(root, "0-7", "-1", "100000");
        CgroupLimits limits = CgroupLimits.read(m.fs());

        assertThat(budget(m).cores()).isEqualTo(8);
        assertThat(limits.version()).isEqualTo(1);
        assertThat(limits.quotaUs()).isNull();
        assertThat(limits.cpuset()).isEqualTo("0-7");
        assertThat(limits.memoryLimit()).as("v1's 'unlimited' counter").isNull();
    }

    @Test
    void withoutAffinityTheCgroupCpusetCounts(@TempDir Path root) {
        FakeMachine m = v2(root, "0-3", "max 100000").delete("/proc/self/status")
                .write("/sys/fs/cgroup/job/cpuset.cpus.effective", "0-2\n");

        CpuBudget.Reading b = budget(m);
        assertThat(b.cores()).isEqualTo(3);
        assertThat(b.limitedBy()).isEqualTo("cpuset");
    }

    @Test
    void withNothingReadableTheJvmCountIsUsedAndSaidSo(@TempDir Path root) {
        CpuBudget.Reading b = budget(new FakeMachine(root));

        assertThat(b.cores()).isEqualTo(99);
        assertThat(b.limitedBy()).isEqualTo("jvm");
        assertThat(CgroupLimits.read(new SysFs(root)).version()).isNull();
    }

    @Test
    void memoryLimitIsTheTightestOfTheCgroupAndItsAncestors(@TempDir Path root) {
        FakeMachine m = v2(root, "0-3", "max 100000")
                .write("/sys/fs/cgroup/job/memory.max", "max\n");
        assertThat(CgroupLimits.read(m.fs()).memoryLimit()).isNull();

        m.write("/sys/fs/cgroup/memory.max", "8589934592\n").write("/sys/fs/cgroup/job/memory.max", "17179869184\n");
        assertThat(CgroupLimits.read(m.fs()).memoryLimit()).isEqualTo(8589934592L);
    }

    @Test
    void cpuListsAreCounted() {
        assertThat(SysFs.cpuListCount("0-3,8,10-11")).isEqualTo(7);
        assertThat(SysFs.cpuListCount("5")).isEqualTo(1);
        assertThat(SysFs.cpuListCount("")).isNull();
        assertThat(SysFs.cpuListCount("3-1")).isNull();
        assertThat(SysFs.cpuListCount("a-b")).isNull();
        assertThat(SysFs.cpuListCount(null)).isNull();
    }

    @Test
    void onThisMachineTheBudgetIsAtLeastOneCore() {
        CpuBudget.Reading b = CpuBudget.probe();
        assertThat(CpuBudget.cores()).isPositive().isEqualTo(b.cores());
        assertThat(b.toMap()).containsKeys("cores", "limited_by", "affinity_cpus", "quota_cores");
    }
}
