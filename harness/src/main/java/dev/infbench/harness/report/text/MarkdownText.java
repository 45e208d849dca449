package dev.infbench.harness.report.text;

/**
 * Text from outside (model paths, parameter values, reasons, notes) made safe for a Markdown document: it renders as
 * the same characters and can never become markup. Most viewers render Markdown as HTML, so a model file named
 * {@code <img src=x onerror=alert(1)>.onnx} must not reach the document raw.
 *
 * <p>{@link #inline} backslash-escapes (any ASCII punctuation may be, by the CommonMark spec) every character that
 * could open markup in CommonMark or GitHub-flavoured Markdown: always {@code \ ` * _ | ~}; {@code <} before a
 * letter, {@code /}, {@code !} or {@code ?} (a tag, comment or autolink); {@code &} before a letter, digit or
 * {@code #} (an entity); {@code ]} before {@code (}, {@code [} or {@code :} (a link, image, reference or
 * definition); a {@code #} that ends the text after a blank (a heading's closing sequence). Line breaks and other
 * control characters become spaces, so a value can neither start a heading, list or table row nor end one.
 * {@link #lineStart} also drops leading blanks and escapes a leading {@code # > + - = [} or the {@code .} of a leading {@code 1.}, for
 * text that starts a line or a list item. {@link #code} is for code spans, where backslashes are literal. GitHub's
 * autolinks ({@code www.x}, {@code https://x}) stay: they are links, not HTML, and show the text as it is.
 */
public final class MarkdownText {
    /** Characters escaped wherever they are: emphasis, code, table and escape delimiters. */
    private static final String ALWAYS = "\\`*_|~";
    /** Characters that open a block (heading, quote, list, task box, setext underline) at the start of a line. */
    private static final String BLOCK_START = "#>+-=[";

    private MarkdownText() {
    }

    /**
     * {@code text} as inline Markdown that renders as exactly its characters (line breaks as spaces), for the middle
     * of a line or a table cell.
     */
    public static String inline(String text) {
        return escape(text, false);
    }

    /**
     * Like {@link #inline}, for text that starts a line or a list item: its leading blanks are dropped (up to three
     * spaces or a tab before a marker would still open a block, four an indented code block) and a leading block
     * marker is escaped.
     */
    public static String lineStart(String text) {
        return escape(text.stripLeading(), true);
    }

    private static String escape(String text, boolean atLineStart) {
        if (plain(text, atLineStart)) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length() + 16);
        int listNumberEnd = atLineStart ? leadingListNumberEnd(text) : -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
            if (c == '\r' && next == '\n') {
                continue; // CR LF is one line break
            }
            if (breaksLine(c) || Character.isISOControl(c)) {
                b.append(' ');
                continue;
            }
            boolean markup = ALWAYS.indexOf(c) >= 0
                    || (c == '<' && (Character.isLetter(next) || next == '/' || next == '!' || next == '?'))
                    || (c == '&' && (Character.isLetterOrDigit(next) || next == '#'))
                    || (c == ']' && (next == '(' || next == '[' || next == ':'))
                    // " #" ending the text would be a heading's closing sequence, dropped from the heading
                    || (c == '#' && next == 0 && i > 0 && (text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '\t'))
                    || (atLineStart && i == 0 && BLOCK_START.indexOf(c) >= 0)
                    || i == listNumberEnd;
            if (markup) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    /**
     * {@code text} for the inside of a single-backtick code span outside a table (its content is literal: no markup,
     * no escapes): backticks become {@code '} (they would end the span), line breaks and control characters spaces.
     */
    public static String code(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '`') {
                b.append('\'');
            } else if (breaksLine(c) || Character.isISOControl(c)) {
                b.append(' ');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean breaksLine(char c) {
        return c == '\n' || c == '\r' || c == '\u000B' || c == '\f' || c == '\u0085' || c == '\u2028'
                || c == '\u2029';
    }

    /** The index of the {@code .} or {@code )} in a leading {@code 12.} / {@code 3)}, else -1. */
    private static int leadingListNumberEnd(String text) {
        int i = 0;
        while (i < text.length() && i < 10 && Character.isDigit(text.charAt(i))) {
            i++;
        }
        return i > 0 && i < text.length() && (text.charAt(i) == '.' || text.charAt(i) == ')') ? i : -1;
    }

    /** Nothing to escape (most cells of a large table): no character that could need it. */
    private static boolean plain(String text, boolean atLineStart) {
        if (atLineStart && !text.isEmpty() && (BLOCK_START.indexOf(text.charAt(0)) >= 0
                || leadingListNumberEnd(text) >= 0)) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || ALWAYS.indexOf(c) >= 0 || c == '<' || c == '&' || c == ']' || c == '#'
                    || (c >= 0x7F && (Character.isISOControl(c) || breaksLine(c)))) {
                return false;
            }
        }
        return true;
    }
}
