package dev.infbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infbench.format.ForkMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.Result;

class ForkProfilerTest {

    @Test
    void peakResidentMemoryIsReadFromVmHwmInMib(@TempDir Path dir) throws Exception {
        Path status = dir.resolve("status");
        Files.writeString(status, "Name:\tjava\nVmPeak:\t 9000000 kB\nVmHWM:\t  524288 kB\nVmRSS:\t  400000 kB\n");

        assertThat(ForkProfiler.peakRssMib(status)).hasValue(512.0);
    }

    @Test
    void aStatusFileWithoutVmHwmOrInAnotherFormGivesNoFigure(@TempDir Path dir) throws Exception {
        Path status = dir.resolve("status");
        Files.writeString(status, "Name:\tjava\nVmHWM:\t 12 MB\n");

        assertThat(ForkProfiler.peakRssMib(status)).isEmpty();
        assertThat(ForkProfiler.peakRssMib(dir.resolve("missing"))).isEmpty();
    }

    @Test
    void afterEachIterationTheForkReportsItsPeaksUnderTheNamesTheHarnessMergesByMaximum() {
        ForkProfiler.coldStart(Double.NaN, Double.NaN);
        List<? extends Result> results = List.copyOf(new ForkProfiler().afterIteration(null, null, null));

        assertThat(results).extracting(Result::getLabel).contains(ForkMetrics.HEAP_PEAK_MIB)
                .doesNotContain(ForkMetrics.LOAD_MS);
        assertThat(results).allSatisfy(r -> {
            assertThat(r.getScore()).isPositive();
            assertThat(r.getScoreUnit()).isEqualTo("MiB");
            assertThat(ForkMetrics.MAXIMA).contains(r.getLabel());
        });
        if (Files.exists(Path.of("/proc/self/status"))) {
            // This JVM's own resident memory: at least its heap in use.
            Result rss = results.stream().filter(r -> r.getLabel().equals(ForkMetrics.PEAK_RSS_MIB)).findFirst()
                    .orElseThrow();
            assertThat(rss.getScore()).isGreaterThan(10);
        }
    }

    @Test
    void theColdStartIsReportedOnceSetAndMergedByItsMean() {
        ForkProfiler.coldStart(812.5, 31.0);
        try {
            List<? extends Result> results = List.copyOf(new ForkProfiler().afterIteration(null, null, null));

            assertThat(results).filteredOn(r -> r.getLabel().equals(ForkMetrics.LOAD_MS)).singleElement()
                    .satisfies(r -> assertThat(r.getScore()).isEqualTo(812.5));
            assertThat(results).filteredOn(r -> r.getLabel().equals(ForkMetrics.FIRST_CALL_MS)).singleElement()
                    .satisfies(r -> assertThat(r.getScore()).isEqualTo(31.0));
        } finally {
            ForkProfiler.coldStart(Double.NaN, Double.NaN);
        }
    }
}
