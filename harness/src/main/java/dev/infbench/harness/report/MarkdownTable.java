package dev.infbench.harness.report;

import dev.infbench.harness.run.JournalEntry;
import java.util.List;

/**
 * The {@linkplain SummaryTable summary} of a run as a GitHub-flavoured Markdown table, for pull requests, issues and
 * reports: the same columns, figures, footnotes and notes, with the fixed parameters in a line above the table.
 *
 * <p>Every text is escaped for a table cell: {@code |} becomes {@code \|}, a backslash before it is doubled, and line
 * breaks become spaces, so a reason or parameter value can never split or end a row. Numeric columns are
 * right-aligned ({@code ---:}). Lines end with {@code \n}.
 */
public final class MarkdownTable {

    private MarkdownTable() {
    }

    /** Renders {@code cells} (typically {@code Journal.latest()}) as Markdown. */
    public static String render(List<JournalEntry> cells) {
        return cells.isEmpty() ? render(cells, null) : render(cells, SummaryTable.layout(cells));
    }

    /** {@link #render(List)} with the layout already made (a report renders the same table twice). */
    public static String render(List<JournalEntry> cells, SummaryTable.Layout layout) {
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
        layout.notes().forEach(note -> out.append("- ").append(escape(note)).append('\n'));
        return out.toString();
    }

    /** Text safe inside a table cell. */
    static String escape(String text) {
        if (plain(text)) {
            return text;
        }
        return LINE_BREAK.matcher(text.replace("\\|", "\\\\|").replace("|", "\\|")).replaceAll(" ");
    }

    private static final java.util.regex.Pattern LINE_BREAK = java.util.regex.Pattern.compile("\\R");

    /** No pipe and nothing {@code \\R} could match: the text needs no escaping (most cells of a large table). */
    private static boolean plain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '|' || c < 0x20 || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return false;
            }
        }
        return true;
    }

    /** Text inside a code span, which GitHub still splits on {@code |} within tables and lists. */
    private static String code(String text) {
        return escape(text).replace("`", "'");
    }
}
