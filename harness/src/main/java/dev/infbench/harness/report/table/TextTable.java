package dev.infbench.harness.report.table;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain text table: columns padded to their widest cell, two spaces apart, text left-aligned and numbers
 * right-aligned, no trailing spaces.
 */
public final class TextTable {

    private final List<String> headers;
    private final boolean[] rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    /**
     * @param headers      column titles
     * @param rightAligned for each column, whether it holds numbers (right-aligned)
     */
    public TextTable(List<String> headers, boolean[] rightAligned) {
        if (headers.size() != rightAligned.length) {
            throw new IllegalArgumentException("one alignment per column");
        }
        this.headers = List.copyOf(headers);
        this.rightAligned = rightAligned.clone();
    }

    /** Adds a row; null cells print empty. */
    public TextTable add(List<String> row) {
        if (row.size() != headers.size()) {
            throw new IllegalArgumentException("row has " + row.size() + " cells, table " + headers.size());
        }
        rows.add(row.stream().map(cell -> cell == null ? "" : cell).toList());
        return this;
    }

    /** The table, one line per row after the header line, each ending in a newline. */
    public String render() {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = headers.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, headers, widths);
        rows.forEach(row -> line(out, row, widths));
        return out.toString();
    }

    private void line(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(widths[c] - cell.length());
            if (c > 0) {
                line.append("  ");
            }
            line.append(rightAligned[c] ? pad + cell : cell + pad);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
