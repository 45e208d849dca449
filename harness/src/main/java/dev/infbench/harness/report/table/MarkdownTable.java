package dev.infbench.harness.report.table;

import dev.infbench.harness.metrics.Cell;
import dev.infbench.harness.report.text.MarkdownText;
import java.util.List;

/**
 * The {@linkplain SummaryTable summary} of a run as a GitHub-flavoured Markdown table, for pull requests, issues and
 * reports: the same columns, figures, footnotes and notes, with the fixed parameters in a line above the table.
 *
 * <p>Every text is escaped ({@link MarkdownText}): markup characters are backslash-escaped and line breaks become
 * spaces, so a reason or parameter value can never split or end a row, nor become HTML. Numeric columns are
 * right-aligned ({@code ---:}). Lines end with {@code \n}.
 */
public final class MarkdownTable {

    private MarkdownTable() {
    }

    /** Renders {@code cells} (typically a run's {@code CellEntries}) as Markdown. */
    public static String render(List<Cell> cells) {
        return cells.isEmpty() ? render(cells, null) : render(cells, SummaryTable.layout(cells));
    }

    /** {@link #render(List)} with the layout already made (a report renders the same table twice). */
    public static String render(List<Cell> cells, SummaryTable.Layout layout) {
        if (cells.isEmpty()) {
            return "No cells.\n";
        }
        StringBuilder out = new StringBuilder();
        if (!layout.fixed().isEmpty()) {
            out.append("Fixed:");
            layout.fixed().forEach((name, value) -> out.append(" `").append(code(name + "=" + value)).append('`'));
            out.append("\n\n");
        }
        List<SummaryTable.Column> columns = layout.columns();
        out.append('|');
        columns.forEach(column -> out.append(' ').append(escape(column.title())).append(" |"));
        out.append("\n|");
        columns.forEach(column -> out.append(column.rightAligned() ? "---:|" : "---|"));
        out.append('\n');
        for (int r = 0; r < layout.rows(); r++) {
            out.append('|');
            for (SummaryTable.Column column : columns) {
                String text = escape(column.text(r));
                out.append(text.isEmpty() ? " |" : " " + text + " |");
            }
            out.append('\n');
        }
        out.append('\n');
        layout.footnotes().forEach((reason, number) -> out.append("- [").append(number).append("] ")
                .append(escape(reason)).append('\n'));
        layout.notes().forEach(note -> out.append("- ").append(MarkdownText.lineStart(note)).append('\n'));
        return out.toString();
    }

    /** Text safe inside a table cell: see {@link MarkdownText#inline}. */
    static String escape(String text) {
        return MarkdownText.inline(text);
    }

    private static String code(String text) {
        return MarkdownText.code(text);
    }
}
