package dev.infbench.harness.report.table;

import dev.infbench.harness.metrics.Cell;
import java.util.List;

/**
 * The {@linkplain SummaryTable summary} of a run as an HTML table (the same columns, figures, footnotes and notes),
 * every text escaped so that a parameter value or a reason can never inject markup.
 */
public final class HtmlTable {

    private HtmlTable() {
    }

    /** Renders {@code cells} as a {@code <table>} followed by its footnotes and notes. */
    public static String render(List<Cell> cells) {
        return cells.isEmpty() ? render(cells, null) : render(cells, SummaryTable.layout(cells));
    }

    /** {@link #render(List)} with the layout already made (a report renders the same table twice). */
    public static String render(List<Cell> cells, SummaryTable.Layout layout) {
        if (cells.isEmpty()) {
            return "<p>No cells.</p>\n";
        }
        StringBuilder out = new StringBuilder();
        if (!layout.fixed().isEmpty()) {
            out.append("<p class=\"fixed\">Fixed:");
            layout.fixed().forEach((name, value) -> out.append(" <code>").append(escape(name + "=" + value))
                    .append("</code>"));
            out.append("</p>\n");
        }
        List<SummaryTable.Column> columns = layout.columns();
        out.append("<table>\n<thead><tr>");
        columns.forEach(c -> out.append(c.rightAligned() ? "<th class=\"num\">" : "<th>").append(escape(c.title()))
                .append("</th>"));
        out.append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < layout.rows(); r++) {
            out.append("<tr>");
            for (SummaryTable.Column c : columns) {
                out.append(c.rightAligned() ? "<td class=\"num\">" : "<td>").append(escape(c.text(r))).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");
        if (!layout.footnotes().isEmpty() || !layout.notes().isEmpty()) {
            out.append("<ul class=\"notes\">\n");
            layout.footnotes().forEach((reason, n) -> out.append("<li>[").append(n).append("] ")
                    .append(escape(reason)).append("</li>\n"));
            layout.notes().forEach(note -> out.append("<li>").append(escape(note)).append("</li>\n"));
            out.append("</ul>\n");
        }
        return out.toString();
    }

    /**
     * Escapes text for HTML element content and attribute values. Control characters other than tab and line
     * breaks (an escape sequence in a file name) become U+FFFD, so the file stays valid HTML and stays inert when
     * printed on a terminal.
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        int first = 0;
        while (first < text.length() && "<>&\"'".indexOf(text.charAt(first)) < 0 && !control(text.charAt(first))) {
            first++;
        }
        if (first == text.length()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(control(ch) ? '\uFFFD' : ch);
            }
        }
        return sb.toString();
    }

    private static boolean control(char c) {
        return Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r';
    }
}
