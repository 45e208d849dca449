package dev.infbench.harness.report.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infbench.format.CellStatus;
import dev.infbench.format.RunLayout;
import dev.infbench.harness.MarkdownAudit;
import dev.infbench.harness.TestCells;
import dev.infbench.harness.metrics.Cell;
import dev.infbench.harness.pick.BestMarkdown;
import dev.infbench.harness.pick.BestPicks;
import dev.infbench.harness.report.table.HtmlTable;
import dev.infbench.harness.report.table.MarkdownTable;
import dev.infbench.harness.report.table.SummaryTable;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Text from outside — a model path, a parameter value, a reason — written into every report, as a hostile or
 * careless user would make it: the Markdown documents parse without HTML, keep their headings and table shapes, and
 * show the text itself; HTML escapes it; the console shows no control character.
 */
class HostileTextTest {
    private static final String[] HOSTILE = {
        "/models/<img src=x onerror=alert(1)>.onnx",
        "/models/a|b|c.onnx",
        "/models/x\n# a heading\n| a | row |.onnx",
        "/models/<script>alert(1)</script>\r\n- item.onnx",
        "/models/\u001b[31mred\u001b[0m\u009b2J\u202Eevil.onnx",
        "# leading hash.onnx",
        "1. numbered.onnx",
        "> quoted <b>bold</b> &lt;entity&gt; `code` *em* _u_ ~~del~~ [link](http://x) ![i](http://x).onnx",
        "<!-- comment --><div>block</div>",
    };

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8})
    void aHostileModelNameStaysTextInEveryDocument(int which) {
        String model = HOSTILE[which];
        List<Cell> cells = List.of(
                TestCells.measured(1, TestCells.params("model", model, "batch", "1"),
                        TestCells.sampleTime(500, 10, 10, 11, 12)),
                TestCells.measured(2, TestCells.params("model", model, "batch", "8"),
                        TestCells.sampleTime(500, 40, 40, 44, 48)),
                TestCells.unmeasured(3, TestCells.params("model", model, "batch", "64"), CellStatus.FAILED,
                        "cannot open " + model));
        String shown = shown(model);

        MarkdownAudit summary = MarkdownAudit.of(MarkdownTable.render(cells));
        assertThat(summary.html()).as(RunLayout.SUMMARY_MD + " HTML").isEmpty();
        assertThat(summary.headings()).isEmpty();
        assertThat(summary.tables()).hasSize(1);
        List<List<String>> rows = summary.tables().get(0);
        assertThat(rows).hasSize(4).allSatisfy(row -> assertThat(row).hasSize(rows.get(0).size()));
        assertThat(rows.get(0)).contains("batch", "status");

        String best = BestMarkdown.render(BestPicks.of(cells, "hw|<b>key</b>", 50, null));
        MarkdownAudit audit = MarkdownAudit.of(best);
        assertThat(audit.html()).as(RunLayout.BEST_MD + " HTML in:\n" + best).isEmpty();
        assertThat(audit.headings()).first().asString()
                .isEqualTo("Best configurations: " + shown + " on hw|<b>key</b>");
        assertThat(audit.headings().stream().filter(h -> h.startsWith("Best configurations")).count()).isOne();
        assertThat(audit.tables()).allSatisfy(table -> assertThat(table)
                .allSatisfy(row -> assertThat(row).hasSize(table.get(0).size())));

        String html = HtmlTable.render(cells, SummaryTable.layout(cells));
        assertThat(html).doesNotContain("<img src", "<script", "<b>", "<div", "<!--", "\u001b");

        String console = TerminalText.safe(SummaryTable.render(cells));
        assertThat(console).doesNotContain("\u001b", "\u009b", "\u202E", "\r");
        assertThat(console.lines().filter(l -> l.startsWith("fixed:")).findFirst().orElseThrow())
                .contains("model=" + TerminalText.safe(SummaryTable.oneLine(model)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8})
    void aHostileValueInATableCellKeepsItsColumn(int which) {
        String value = HOSTILE[which];
        List<Cell> cells = List.of(
                TestCells.measured(1, TestCells.params("model", "m", "shape", value), TestCells.sampleTime(500, 10,
                        10, 11, 12)),
                TestCells.measured(2, TestCells.params("model", "m", "shape", "none"), TestCells.sampleTime(500, 10,
                        10, 11, 12)));

        MarkdownAudit summary = MarkdownAudit.of(MarkdownTable.render(cells));
        assertThat(summary.html()).isEmpty();
        List<List<String>> rows = summary.tables().get(0);
        int column = rows.get(0).indexOf("shape");
        assertThat(rows).allSatisfy(row -> assertThat(row).hasSize(rows.get(0).size()));
        assertThat(rows.get(1).get(column)).isEqualTo(shown(value));
    }

    /** How a value reads once rendered: every line break (with its surrounding blanks) and control one space. */
    private static String shown(String text) {
        String oneLine = SummaryTable.oneLine(text);
        StringBuilder b = new StringBuilder();
        for (char c : oneLine.toCharArray()) {
            b.append(Character.isISOControl(c) ? ' ' : c);
        }
        return b.toString();
    }
}
