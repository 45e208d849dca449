package dev.infbench.harness.compare;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * Locale-independent number text for the compare and merge reports: always {@code .} as the decimal point, never
 * grouping, whatever the JVM's default locale.
 */
public final class Decimals {

    private static final MathContext FIFTEEN_DIGITS = new MathContext(15, RoundingMode.HALF_EVEN);
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private Decimals() {
    }

    /** {@code value} to {@code digits} significant digits, every integer digit kept: 19.84 → "19.8", 1234.5 → "1235". */
    public static String significant(double value, int digits) {
        if (value == 0) {
            return "0";
        }
        BigDecimal exact = BigDecimal.valueOf(value);
        BigDecimal rounded = exact.round(new MathContext(digits, RoundingMode.HALF_UP));
        int magnitude = rounded.precision() - rounded.scale() - 1;
        return exact.setScale(Math.max(0, digits - 1 - magnitude), RoundingMode.HALF_UP).toPlainString();
    }

    /** A ratio with three decimals: "1.100". */
    public static String ratio(double value) {
        return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).toPlainString();
    }

    /** A p-value for reading: "0.412", "0.0031", "2.1e-07", "<1e-300" where it underflows. */
    public static String pValue(double p) {
        if (p >= 0.001) {
            return significant(p, 2);
        }
        if (p < 1e-300) {
            return "<1e-300";
        }
        return String.format(java.util.Locale.ROOT, "%.1e", p);
    }

    /** {@code value} to 15 significant digits without trailing zeros, for CSV: 20.0 → "20", 0.1 + 0.2 → "0.3". */
    public static String exact(double value) {
        return BigDecimal.valueOf(value).round(FIFTEEN_DIGITS).stripTrailingZeros().toPlainString();
    }

    /** A p-value for CSV: 4 significant digits, exponent notation when small ("1.234E-12"), which spreadsheets read. */
    public static String exactPValue(double p) {
        if (p == 0) {
            return "0";
        }
        return BigDecimal.valueOf(p).round(new MathContext(4, RoundingMode.HALF_EVEN)).stripTrailingZeros().toString();
    }

    /**
     * A text cell made safe for spreadsheets: text starting with {@code = + - @}, tab or CR is prefixed with
     * {@code '} so it cannot run as a formula; plain numbers such as {@code -1} are left alone.
     */
    public static String csvText(String text) {
        if (text == null || text.isEmpty() || NUMBER.matcher(text).matches()) {
            return text;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + text : text;
    }
}
