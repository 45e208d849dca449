package dev.infbench.harness.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * Locale-independent decimal text: always {@code .} as decimal point, never grouping, never exponent notation.
 * BigDecimal rather than {@code String.format}, whose output follows the JVM's default locale.
 */
public final class DecimalText {

    private static final MathContext FIFTEEN_DIGITS = new MathContext(15, RoundingMode.HALF_EVEN);
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private DecimalText() {
    }

    /**
     * {@code value} rounded to {@code digits} significant digits for reading, keeping every integer digit:
     * 0.05123 → "0.0512", 1.5 → "1.50", 19.84 → "19.8", 50505.2 → "50505".
     */
    public static String significant(double value, int digits) {
        if (value == 0) {
            return "0";
        }
        BigDecimal exact = BigDecimal.valueOf(value);
        BigDecimal rounded = exact.round(new MathContext(digits, RoundingMode.HALF_UP));
        // Position of the leading digit after rounding, so 9.996 becomes "10.0", not "10.00".
        int magnitude = rounded.precision() - rounded.scale() - 1;
        int decimals = Math.max(0, digits - 1 - magnitude);
        return exact.setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }

    /**
     * {@code value} to 15 significant digits, without trailing zeros: 20.0 → "20", 1e-4 → "0.0001",
     * 1498.3999999999999 → "1498.4". Fifteen digits is what a double reliably holds and what spreadsheets keep;
     * the 16th and 17th are binary noise.
     */
    public static String exact(double value) {
        return BigDecimal.valueOf(value).round(FIFTEEN_DIGITS).stripTrailingZeros().toPlainString();
    }

    /** True when {@code text} is one plain decimal number, such as {@code -1}, {@code 0.5} or {@code 1e3}. */
    public static boolean isNumber(String text) {
        return NUMBER.matcher(text).matches();
    }

    /**
     * A CSV text cell made safe for spreadsheets: text starting with {@code = + - @}, tab or CR gets a {@code '}
     * prefix so that no spreadsheet runs it as a formula; plain numbers such as {@code -1} are left alone. Null or
     * empty gives an empty cell.
     */
    public static String csvText(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        boolean formulaStart = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t'
                || first == '\r';
        return formulaStart && !isNumber(value) ? "'" + value : value;
    }
}
