package dev.infbench.harness.metrics;

import dev.infbench.format.MachinePeak;
import dev.infbench.format.Params;
import java.util.Locale;
import java.util.Optional;

/**
 * A cell's achieved arithmetic rate ({@link CellFlops}) as a share of the machine's measured peak of the same kind:
 * int8 cells against the int8 matrix-product peak, every other cell against the fp32 one (a CPU without fp16
 * arithmetic runs fp16 through casts, so fp32 is its ceiling). A share above 1 is kept as it is, never clipped: the
 * peak's tries may have landed in a slow minute, and the report says so.
 *
 * @param rate    the cell's GFLOP/s (operations counted on the model's fp32 graph)
 * @param peak    the matching peak, G op/s
 * @param kind    {@code fp32} or {@code int8}: which peak
 * @param share   rate / peak
 * @param threads the intra-op threads the cell ran on, or 0 when unknown
 * @param peakThreads the threads the peak ran on
 */
public record PeakShare(double rate, double peak, String kind, double share, int threads, int peakThreads) {
    /** At or above this share a cell is compute-bound: its matrix kernels run near what the machine can do. */
    public static final double NEAR = 0.6;
    /** Below this share the time goes mostly elsewhere than the matrix kernels. */
    public static final double FAR = 0.25;

    /** The share of {@code cell}, when it has a rate and the run a matching peak. */
    public static Optional<PeakShare> of(Cell cell, MachinePeak peak) {
        if (peak == null) {
            return Optional.empty();
        }
        Optional<Double> rate = CellFlops.gflopsPerS(cell);
        if (rate.isEmpty()) {
            return Optional.empty();
        }
        String precision = cell.params().getOrDefault(Params.PRECISION, "");
        boolean int8 = precision.startsWith("int8");
        Double matching = int8 ? peak.int8Gops() : peak.fp32Gflops();
        if (matching == null || !(matching > 0)) {
            return Optional.empty();
        }
        int threads = cell.effective() != null && cell.effective().path("intra_op_threads").canConvertToInt()
                ? cell.effective().path("intra_op_threads").asInt() : 0;
        return Optional.of(new PeakShare(rate.get(), matching, int8 ? "int8" : "fp32", rate.get() / matching,
                threads, peak.threads()));
    }

    /** "41% of the fp32 peak". */
    public String label() {
        return String.format(Locale.ROOT, "%.0f%% of the %s peak", 100 * share, kind);
    }

    /** What the share suggests, in one line. */
    public String suggestion() {
        StringBuilder s = new StringBuilder();
        if (share > 1) {
            s.append("above the measured peak: the peak's tries may have landed in a slow minute, or the kernels"
                    + " beat a plain matrix product; the share is shown as measured");
        } else if (share >= NEAR) {
            s.append("near the peak: compute-bound; more speed needs fewer operations (int8, a smaller model) or"
                    + " more cores");
        } else if (share >= FAR) {
            s.append("part of the time goes outside the matrix kernels (memory traffic, small operators, copies)");
        } else {
            s.append("far from the peak: overhead, memory traffic or idle threads dominate; see the operator table"
                    + " (--profile) and the threads cells");
        }
        if (threads > 0 && threads < peakThreads) {
            s.append(String.format(Locale.ROOT, "; it runs %d of the peak's %d threads, so at most %.0f%% of the"
                    + " peak", threads, peakThreads, 100.0 * threads / peakThreads));
        }
        return s.toString();
    }
}
