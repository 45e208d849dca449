package dev.infbench.harness.profile;

import dev.infbench.format.MachinePeak;
import dev.infbench.harness.metrics.Cell;
import dev.infbench.harness.metrics.CellLabel;
import dev.infbench.harness.metrics.PeakShare;
import dev.infbench.harness.report.table.PlainTable;
import dev.infbench.harness.report.text.DecimalText;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The report's "share of the machine's peak": the peaks the run measured, and one row per cell with an arithmetic
 * rate: its GFLOP/s, the share of the matching peak ({@link PeakShare}), and what that share suggests.
 */
public final class PeakSection {
    private PeakSection() {
    }

    /** The section, or empty when the run measured no peak. */
    public static Optional<PlainTable> of(List<Cell> cells, MachinePeak peak) {
        if (peak == null) {
            return Optional.empty();
        }
        PlainTable.Builder t = new PlainTable.Builder("Share of the machine's peak");
        t.before(summary(peak));
        peak.how().forEach(t::before);
        peak.skipped().forEach(s -> t.before("Not measured: " + s));
        t.text("cell").number("GFLOP/s").text("share").text("what it suggests");
        boolean above = false;
        for (Cell cell : cells) {
            Optional<PeakShare> share = PeakShare.of(cell, peak);
            if (share.isEmpty()) {
                continue;
            }
            above |= share.get().share() > 1;
            t.row(List.of(CellLabel.of(cell, cells), DecimalText.significant(share.get().rate(), 3),
                    share.get().label(), share.get().suggestion()));
        }
        t.after("GFLOP/s counts the model's Conv, Gemm and MatMul operations on its fp32 graph (multiply-add = 2) at"
                + " the cell's samples per second; int8 cells are shown against the int8 peak, the others against the"
                + " fp32 peak. The peak is each part's best try on every usable core.");
        if (above) {
            t.after("A share above 100% is shown as measured, not clipped: the peak's tries may have landed in a"
                    + " slow minute of this machine (see the spread of its tries above).");
        }
        return Optional.of(t.build());
    }

    /** "Measured peaks (2 threads, 6.2 s): fp32 179 GFLOP/s, int8 248 GOP/s, memory 29.7 GB/s." */
    static String summary(MachinePeak peak) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "Measured peaks (%d threads, %s s):",
                peak.threads(), DecimalText.significant(peak.seconds(), 2)));
        String sep = " ";
        if (peak.fp32Gflops() != null) {
            s.append(sep).append("fp32 ").append(DecimalText.significant(peak.fp32Gflops(), 3)).append(" GFLOP/s");
            sep = ", ";
        }
        if (peak.int8Gops() != null) {
            s.append(sep).append("int8 ").append(DecimalText.significant(peak.int8Gops(), 3)).append(" GOP/s");
            sep = ", ";
        }
        if (peak.memoryGbs() != null) {
            s.append(sep).append("memory ").append(DecimalText.significant(peak.memoryGbs(), 3)).append(" GB/s");
            sep = ", ";
        }
        if (sep.equals(" ")) {
            s.append(" none");
        }
        return s.append('.').toString();
    }
}
