package dev.infbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infbench.backend.BackendSession;
import dev.infbench.backend.Backends;
import dev.infbench.config.CellConfig;
import dev.infbench.model.DType;
import dev.infbench.model.HostTensor;
import dev.infbench.model.InputBatch;
import dev.infbench.model.ModelVariant;
import dev.infbench.model.PeakGraphs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The peak's graphs compute what they claim to, on the reference backend: a real product, not an empty kernel. */
class PeakForkTest {

    @Test
    void theFp32GraphMultipliesItsInputByItsWeight(@TempDir Path dir) throws Exception {
        int n = 4;
        Path file = dir.resolve("peak.onnx");
        Files.write(file, PeakGraphs.fp32MatMul(n));
        // The identity as input: the output is the weight itself, whatever its seeded values.
        HostTensor identity = HostTensor.allocate(PeakGraphs.INPUT, DType.FLOAT32, new long[] {n, n});
        for (int i = 0; i < n; i++) {
            identity.set((long) i * n + i, 1);
        }
        HostTensor twice = HostTensor.allocate(PeakGraphs.INPUT, DType.FLOAT32, new long[] {n, n});
        for (int i = 0; i < n; i++) {
            twice.set((long) i * n + i, 2);
        }
        try (BackendSession s = Backends.reference().open(CellConfig.of(Map.of()),
                ModelVariant.ofFile("peak", "fp32", file, "test"))) {
            s.bind(InputBatch.of(List.of(identity)));
            HostTensor w = s.outputs().get(0);
            s.bind(InputBatch.of(List.of(twice)));
            HostTensor w2 = s.outputs().get(0);
            assertThat(w.count()).isEqualTo(16);
            double sumAbs = 0;
            for (int i = 0; i < 16; i++) {
                sumAbs += Math.abs(w.get(i));
                assertThat(w2.get(i)).isCloseTo(2 * w.get(i), org.assertj.core.data.Offset.offset(1e-5));
            }
            assertThat(sumAbs).as("a seeded weight, not zeros").isGreaterThan(1);
        }
        assertThat(PeakGraphs.operations(1024)).isEqualTo(2.0 * 1024 * 1024 * 1024);
    }

    @Test
    void theInt8GraphRunsMatMulIntegerIntoInt32(@TempDir Path dir) throws Exception {
        int n = 4;
        Path file = dir.resolve("peak8.onnx");
        Files.write(file, PeakGraphs.int8MatMul(n));
        HostTensor ones = HostTensor.allocate(PeakGraphs.INPUT, DType.UINT8, new long[] {n, n});
        for (int i = 0; i < n * n; i++) {
            ones.set(i, 1);
        }
        try (BackendSession s = Backends.reference().open(CellConfig.of(Map.of()),
                ModelVariant.ofFile("peak", "fp32", file, "test"))) {
            s.bind(InputBatch.of(List.of(ones)));
            HostTensor y = s.outputs().get(0);
            // Every row of ones times the weight: each output column is that column's sum, the same in every row.
            double sumAbs = 0;
            for (int col = 0; col < n; col++) {
                assertThat(y.get(n + col)).isEqualTo(y.get(col));
                sumAbs += Math.abs(y.get(col));
            }
            assertThat(y.count()).isEqualTo(16);
            assertThat(sumAbs).as("a seeded int8 weight, not zeros").isPositive();
            // Integer arithmetic is exact: twice the input gives exactly twice every output.
            HostTensor twos = HostTensor.allocate(PeakGraphs.INPUT, DType.UINT8, new long[] {n, n});
            for (int i = 0; i < n * n; i++) {
                twos.set(i, 2);
            }
            s.bind(InputBatch.of(List.of(twos)));
            HostTensor y2 = s.outputs().get(0);
            for (int i = 0; i < n * n; i++) {
                assertThat(y2.get(i)).isEqualTo(2 * y.get(i));
            }
        }
    }

    @Test
    void theSpreadLineGivesTheBestAndTheRangeOfTheTries() {
        assertThat(PeakFork.spread(new double[] {150, 171.6, 160}, "G op/s"))
                .isEqualTo("best 171.6 of 3 tries (150.0 to 171.6) G op/s");
    }

    @Test
    void allCopyBuffersTogetherStayWithinTheirCapOnManyCores() {
        assertThat(PeakFork.copyMibPerThread(2)).isEqualTo(128);
        assertThat(PeakFork.copyMibPerThread(64)).isEqualTo(16);
        assertThat(2 * 64 * PeakFork.copyMibPerThread(64)).isLessThanOrEqualTo(2048);
        assertThat(2 * 256 * PeakFork.copyMibPerThread(256)).isLessThanOrEqualTo(2048);
        assertThat(PeakFork.copyMibPerThread(1024)).isEqualTo(4);
    }

    @Test
    void aCopyThreadThatCannotAllocateGivesNoBandwidthRatherThanALowOne() {
        // 2048 MiB is 2^31 bytes, one past an int: allocateDirect refuses the (overflowed, negative) size at once, as
        // it refuses a buffer beyond the direct-memory limit; either way the part reports no figure.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dev.infbench.env.MachineSpeed.bandwidthGbs(2, 2048))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("a copy thread failed");
    }
}
