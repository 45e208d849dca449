package dev.infbench.harness;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;

/**
 * A Markdown document as a viewer sees it, parsed by commonmark-java with GitHub's tables: the HTML nodes it has
 * (there must be none where the text came from outside), its headings, and its tables as the text of each cell.
 */
public final class MarkdownAudit {
    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create())).build();

    private final List<String> html = new ArrayList<>();
    private final List<String> headings = new ArrayList<>();
    private final List<List<List<String>>> tables = new ArrayList<>();

    private MarkdownAudit() {
    }

    public static MarkdownAudit of(String markdown) {
        MarkdownAudit a = new MarkdownAudit();
        a.visit(PARSER.parse(markdown));
        return a;
    }

    /** The literal of every raw HTML node, inline or block. */
    public List<String> html() {
        return html;
    }

    /** Each heading's rendered text. */
    public List<String> headings() {
        return headings;
    }

    /** Each table: its rows (the header first), each a list of the cells' rendered text. */
    public List<List<List<String>>> tables() {
        return tables;
    }

    private void visit(Node node) {
        if (node instanceof HtmlInline h) {
            html.add(h.getLiteral());
        } else if (node instanceof HtmlBlock h) {
            html.add(h.getLiteral());
        } else if (node instanceof Heading) {
            headings.add(text(node));
        } else if (node instanceof TableBlock) {
            List<List<String>> rows = new ArrayList<>();
            collectRows(node, rows);
            tables.add(rows);
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            visit(child);
        }
    }

    private static void collectRows(Node node, List<List<String>> rows) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof TableRow) {
                List<String> cells = new ArrayList<>();
                for (Node cell = child.getFirstChild(); cell != null; cell = cell.getNext()) {
                    if (cell instanceof TableCell) {
                        cells.add(text(cell));
                    }
                }
                rows.add(cells);
            } else {
                collectRows(child, rows);
            }
        }
    }

    /** The rendered text of a node: its text and code literals in order. */
    public static String text(Node node) {
        StringBuilder b = new StringBuilder();
        appendText(node, b);
        return b.toString();
    }

    private static void appendText(Node node, StringBuilder b) {
        if (node instanceof Text t) {
            b.append(t.getLiteral());
        } else if (node instanceof Code c) {
            b.append(c.getLiteral());
        } else if (node instanceof SoftLineBreak) {
            b.append('\n');
        } else if (node instanceof HtmlInline h) {
            b.append(h.getLiteral());
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            appendText(child, b);
        }
    }
}
