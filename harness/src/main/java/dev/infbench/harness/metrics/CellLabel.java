package dev.infbench.harness.metrics;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** A cell named by its index and the parameters that vary across its run: "#9 model=resnet50 layout=nhwc". */
public final class CellLabel {
    private CellLabel() {
    }

    public static String of(Cell cell, List<Cell> run) {
        Map<String, String> fixed = CellParams.fixed(run);
        StringJoiner j = new StringJoiner(" ", "#" + cell.index() + " ", "").setEmptyValue("#" + cell.index());
        CellParams.params(cell).forEach((name, value) -> {
            if (!fixed.containsKey(name)) {
                j.add(name + "=" + value);
            }
        });
        return j.toString();
    }
}
