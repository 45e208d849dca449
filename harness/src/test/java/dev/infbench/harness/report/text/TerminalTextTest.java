package dev.infbench.harness.report.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What reaches a terminal: no control character from outside, whichever way the text is printed. */
class TerminalTextTest {

    @Test
    void controlCharactersBecomeQuestionMarksButTabsAndLineFeedsStay() {
        assertThat(TerminalText.safe("a\u001b[31mb\u0007c\u009bd\u202Ee\u2066f\r\tg\nh\u007f"))
                .isEqualTo("a?[31mb?c?d?e?f?\tg\nh?");
        assertThat(TerminalText.safe("plain text, ≤ 50 ms ×2")).isEqualTo("plain text, ≤ 50 ms ×2");
        assertThat(TerminalText.oneLine("a\nb\u001b")).isEqualTo("a\\nb?");
    }

    @Test
    void everyWayOfPrintingThroughTheConsoleStreamIsFiltered() {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        PrintStream console = TerminalText.console(new PrintStream(raw, true, StandardCharsets.UTF_8),
                StandardCharsets.UTF_8);
        console.print("p\u001b]0;title\u0007");
        console.println("l\u009b2J");
        console.printf("f %s%n", "\u001b[2J");
        console.print((Object) "o\u001b");
        console.print('\u001b');
        console.println(new char[] {'c', '\u001b'});
        // Bytes written straight through (another tool's output): ESC, and C1 CSI as UTF-8 split over two writes.
        console.write(new byte[] {0x1b, 'x', (byte) 0xC2}, 0, 3);
        console.flush();
        console.write(new byte[] {(byte) 0x9B, 'y', (byte) 0xC3, (byte) 0xA9, '\n'}, 0, 5);
        console.flush();

        String out = raw.toString(StandardCharsets.UTF_8);
        assertThat(out).doesNotContain("\u001b", "\u009b", "\u0007")
                .isEqualTo("p?]0;title?l?2J\nf ?[2J\no??c?\n?x?yé\n");
    }

    @Test
    void rawBytesLoseCarriageReturnsThatRewriteALineAndBidirectionalOverrides() {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        PrintStream console = TerminalText.console(new PrintStream(raw, true, StandardCharsets.UTF_8),
                StandardCharsets.UTF_8);
        byte[] bytes = "a\rb\r\n\u202Ec\u2067d\u2014e\u2028f".getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            console.write(b); // one byte at a time: every sequence is split
        }
        console.flush();

        assertThat(raw.toString(StandardCharsets.UTF_8)).isEqualTo("a?b\r\n?c?d\u2014e\u2028f");
    }
}
