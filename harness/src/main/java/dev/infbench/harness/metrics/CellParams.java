package dev.infbench.harness.metrics;

import dev.infbench.harness.metrics.Cell;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The parameter names of a set of cells, and which of them hold one value across all cells. */
public final class CellParams {

    private CellParams() {
    }

    /** Every parameter name, in the order first seen (declaration order of the first cell that has it). */
    public static List<String> names(List<Cell> cells) {
        Set<String> names = new LinkedHashSet<>();
        for (Cell cell : cells) {
            names.addAll(params(cell).keySet());
        }
        return List.copyOf(names);
    }

    /** The parameters every cell has with the same value, in {@link #names} order. */
    public static Map<String, String> fixed(List<Cell> cells) {
        Map<String, String> fixed = new LinkedHashMap<>();
        for (String name : names(cells)) {
            // A parameter added since an older run was recorded is its default in that run's cells (Params.ADDED).
            String first = cells.get(0).identity().get(name);
            if (first != null && cells.stream().allMatch(cell -> Objects.equals(cell.identity().get(name), first))) {
                fixed.put(name, first);
            }
        }
        return fixed;
    }

    public static Map<String, String> params(Cell cell) {
        return cell.params() == null ? Map.of() : cell.params();
    }
}
