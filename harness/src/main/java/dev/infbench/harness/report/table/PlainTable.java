package dev.infbench.harness.report.table;

import dev.infbench.harness.report.text.MarkdownText;
import java.util.ArrayList;
import java.util.List;

/**
 * A small table of text cells under a title, with lines of prose before and after it, rendered the same way as
 * Markdown and as HTML: the report's profile sections (peak share, stages, operators). Every text is escaped for the
 * output it goes to.
 *
 * @param title   the section's heading
 * @param before  lines above the table
 * @param headers the column headers
 * @param right   per column, true when its numbers are right-aligned
 * @param rows    the rows, each as many cells as headers
 * @param after   lines below the table (notes)
 */
public record PlainTable(String title, List<String> before, List<String> headers, List<Boolean> right,
                         List<List<String>> rows, List<String> after) {

    public PlainTable {
        before = List.copyOf(before);
        headers = List.copyOf(headers);
        right = List.copyOf(right);
        rows = rows.stream().map(List::copyOf).toList();
        after = List.copyOf(after);
        int columns = headers.size();
        if (right.size() != columns || rows.stream().anyMatch(r -> r.size() != columns)) {
            throw new IllegalArgumentException("a row or the alignment does not match the " + columns
                    + " headers of " + title);
        }
    }

    /** A table built row by row. */
    public static final class Builder {
        private final String title;
        private final List<String> before = new ArrayList<>();
        private final List<String> headers = new ArrayList<>();
        private final List<Boolean> right = new ArrayList<>();
        private final List<List<String>> rows = new ArrayList<>();
        private final List<String> after = new ArrayList<>();

        public Builder(String title) {
            this.title = title;
        }

        public Builder before(String line) {
            before.add(line);
            return this;
        }

        /** A left-aligned text column. */
        public Builder text(String header) {
            headers.add(header);
            right.add(false);
            return this;
        }

        /** A right-aligned number column. */
        public Builder number(String header) {
            headers.add(header);
            right.add(true);
            return this;
        }

        public Builder row(List<String> cells) {
            rows.add(cells);
            return this;
        }

        public Builder after(String line) {
            after.add(line);
            return this;
        }

        public PlainTable build() {
            return new PlainTable(title, before, headers, right, rows, after);
        }
    }

    /** The section as Markdown: a level-2 heading, the lines, the table. */
    public String markdown() {
        StringBuilder out = new StringBuilder("## ").append(MarkdownText.inline(title)).append("\n\n");
        before.forEach(l -> out.append(MarkdownText.lineStart(l)).append("\n\n"));
        if (!rows.isEmpty()) {
            out.append('|');
            headers.forEach(h -> out.append(' ').append(MarkdownText.inline(h)).append(" |"));
            out.append("\n|");
            right.forEach(r -> out.append(r ? "---:|" : "---|"));
            out.append('\n');
            for (List<String> row : rows) {
                out.append('|');
                row.forEach(c -> out.append(c.isEmpty() ? " |" : " " + MarkdownText.inline(c) + " |"));
                out.append('\n');
            }
            out.append('\n');
        }
        after.forEach(l -> out.append("- ").append(MarkdownText.lineStart(l)).append('\n'));
        if (!after.isEmpty()) {
            out.append('\n');
        }
        return out.toString();
    }

    /** The section as HTML: an {@code h2}, paragraphs, the table, a list of notes. */
    public String html() {
        StringBuilder h = new StringBuilder("<h2>").append(HtmlTable.escape(title)).append("</h2>\n");
        before.forEach(l -> h.append("<p>").append(HtmlTable.escape(l)).append("</p>\n"));
        if (!rows.isEmpty()) {
            h.append("<table>\n<tr>");
            headers.forEach(c -> h.append("<th>").append(HtmlTable.escape(c)).append("</th>"));
            h.append("</tr>\n");
            for (List<String> row : rows) {
                h.append("<tr>");
                for (int i = 0; i < row.size(); i++) {
                    h.append(right.get(i) ? "<td class=\"num\">" : "<td>").append(HtmlTable.escape(row.get(i)))
                            .append("</td>");
                }
                h.append("</tr>\n");
            }
            h.append("</table>\n");
        }
        if (!after.isEmpty()) {
            h.append("<ul>\n");
            after.forEach(l -> h.append("<li>").append(HtmlTable.escape(l)).append("</li>\n"));
            h.append("</ul>\n");
        }
        return h.toString();
    }
}
