package dev.infbench.harness.report.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infbench.harness.MarkdownAudit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Escaped text renders as its own characters, wherever the documents place it. */
class MarkdownTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"# heading", "  # indented heading", "\t- tabbed item", "   > quote", "1. item",
        "12) item", "- item", "+ item", "= setext", "[ ] task", "[x]: http://definition", "<div>block</div>",
        "    four spaces, code"})
    void textAtTheStartOfAListItemStaysTheItemsText(String text) {
        MarkdownAudit audit = MarkdownAudit.of("- " + MarkdownText.lineStart(text) + "\n");

        assertThat(audit.html()).isEmpty();
        assertThat(audit.headings()).isEmpty();
        assertThat(MarkdownAudit.of("- " + MarkdownText.lineStart(text) + "\n- next\n").html()).isEmpty();
        String rendered = org.commonmark.renderer.text.TextContentRenderer.builder().build()
                .render(org.commonmark.parser.Parser.builder().build().parse("- " + MarkdownText.lineStart(text)));
        assertThat(rendered.strip()).isEqualTo("- " + text.strip().replace('\t', ' '));
    }

    @Test
    void aHeadingKeepsATrailingHashOfTheText() {
        MarkdownAudit audit = MarkdownAudit.of("# Best configurations: " + MarkdownText.inline("model #") + "\n");

        assertThat(audit.headings()).containsExactly("Best configurations: model #");
    }

    @Test
    void numbersAndPlainWordsAreLeftAlone() {
        assertThat(MarkdownText.inline("18.8")).isEqualTo("18.8");
        assertThat(MarkdownText.inline("p50 n >= 20, 0.5 < 0.98")).isEqualTo("p50 n >= 20, 0.5 < 0.98");
        assertThat(MarkdownText.inline("FAILED [4]")).isEqualTo("FAILED [4]");
        assertThat(MarkdownText.inline("a [b](c) ![d](e) &amp; <b>")).isEqualTo("a [b\\](c) ![d\\](e) \\&amp; \\<b>");
    }

    @Test
    void codeSpansKeepTheirTextLiterally() {
        MarkdownAudit audit = MarkdownAudit.of("Fixed: `" + MarkdownText.code("model=<img src=x>`|\\n") + "`\n");

        assertThat(audit.html()).isEmpty();
    }
}
