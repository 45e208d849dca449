package dev.infbench.harness.report.text;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Text for a terminal. Model paths, parameter values and reasons come from outside, and a file name can hold escape
 * sequences that move the cursor, recolour or retitle the terminal, or rewrite what was printed before. Everything
 * the launcher and the harness print goes through {@link #console}, which replaces every control character but tab
 * and line feed (C0, DEL, C1) and the bidirectional-override characters with {@code ?}.
 */
public final class TerminalText {
    private static final char REPLACEMENT = '?';

    private TerminalText() {
    }

    /** {@code text} with every terminal control character replaced (tab and line feed stay). */
    public static String safe(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (unsafe(c)) {
                if (b == null) {
                    b = new StringBuilder(text.length()).append(text, 0, i);
                }
                b.append(REPLACEMENT);
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? text : b.toString();
    }

    /**
     * {@code text} for one line of the console: {@linkplain #safe safe}, and each line break shown as the two
     * characters {@code \n}, so a value with a line break can neither split the line nor fake the next one.
     */
    public static String oneLine(String text) {
        String safe = safe(text);
        return safe.indexOf('\n') < 0 ? safe : safe.replace("\n", "\\n");
    }

    static boolean unsafe(char c) {
        if (c == '\n' || c == '\t') {
            return false;
        }
        return Character.isISOControl(c) || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }

    /**
     * A stream for the console over {@code raw}: text printed through it is {@linkplain #safe made safe}, and bytes
     * written to it directly (another tool's output passed through) lose their control bytes.
     */
    public static PrintStream console(PrintStream raw, Charset charset) {
        return new SafeStream(raw, charset);
    }

    /** The charset the JVM chose for its standard output or error ({@code stdout.encoding} and older spellings). */
    public static Charset charsetOf(String stream) {
        for (String key : new String[] {stream + ".encoding", "sun." + stream + ".encoding"}) {
            String name = System.getProperty(key);
            if (name != null && Charset.isSupported(name)) {
                return Charset.forName(name);
            }
        }
        return Charset.defaultCharset();
    }

    private static final class SafeStream extends PrintStream {
        SafeStream(PrintStream raw, Charset charset) {
            super(new ControlByteFilter(raw, charset), true, charset);
        }

        // println(x) of a subclass prints through print(x), and printf/format through append → print(String).
        @Override
        public void print(String s) {
            super.print(safe(s));
        }

        @Override
        public void print(Object o) {
            super.print(safe(String.valueOf(o)));
        }

        @Override
        public void print(char[] s) {
            super.print(safe(new String(s)));
        }

        @Override
        public void print(char c) {
            super.print(unsafe(c) ? REPLACEMENT : c);
        }
    }

    /**
     * Replaces control bytes in raw output: C0 but tab and line feed, a carriage return not followed by a line feed
     * (it would let a line overwrite itself), DEL, C1 (in UTF-8, {@code C2 80}..{@code C2 9F}; in a single-byte
     * charset, {@code 80}..{@code 9F}) and, in UTF-8, the bidirectional overrides U+202A..U+202E and U+2066..U+2069.
     * Bytes that could begin such a sequence are held back until the next byte decides.
     */
    private static final class ControlByteFilter extends FilterOutputStream {
        private final boolean utf8;
        private final byte[] pending = new byte[2];
        private int held;

        ControlByteFilter(OutputStream out, Charset charset) {
            super(out);
            this.utf8 = charset.equals(StandardCharsets.UTF_8);
        }

        @Override
        public void write(int b) throws IOException {
            b &= 0xFF;
            if (held > 0) {
                int first = pending[0] & 0xFF;
                if (first == '\r') {
                    held = 0;
                    if (b == '\n') {
                        out.write('\r');
                        out.write('\n');
                        return;
                    }
                    out.write(REPLACEMENT);
                } else if (first == 0xC2) {
                    held = 0;
                    if (b >= 0x80 && b <= 0x9F) {
                        out.write(REPLACEMENT); // U+0080..U+009F
                        return;
                    }
                    out.write(0xC2);
                } else if (held == 1) { // E2
                    if (b == 0x80 || b == 0x81) {
                        pending[held++] = (byte) b;
                        return;
                    }
                    held = 0;
                    out.write(0xE2);
                } else { // E2 80 or E2 81
                    int second = pending[1] & 0xFF;
                    held = 0;
                    if ((second == 0x80 && b >= 0xAA && b <= 0xAE) || (second == 0x81 && b >= 0xA6 && b <= 0xA9)) {
                        out.write(REPLACEMENT);
                        return;
                    }
                    out.write(0xE2);
                    out.write(second);
                }
            }
            if (b == '\r' || (utf8 && (b == 0xC2 || b == 0xE2))) {
                pending[0] = (byte) b;
                held = 1;
            } else if ((b < 0x20 && b != '\n' && b != '\t') || b == 0x7F || (!utf8 && b >= 0x80 && b <= 0x9F)) {
                out.write(REPLACEMENT);
            } else {
                out.write(b);
            }
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            for (int i = off; i < off + len; i++) {
                write(buf[i]);
            }
        }

        @Override
        public void close() throws IOException {
            for (int i = 0; i < held; i++) {
                out.write((pending[i] & 0xFF) == '\r' ? REPLACEMENT : pending[i]);
            }
            held = 0;
            super.close();
        }
    }
}
