package dev.infbench.harness.pick;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Locale-independent figures for the picks: always {@code .} as decimal point (BigDecimal, never String.format). */
final class Figures {

    private Figures() {
    }

    /** {@code value} to three significant digits, keeping every integer digit: 7.1107 → "7.11", 243.4 → "243". */
    static String ms(double value) {
        return significant(value, 3);
    }

    /** A ratio with one decimal: 2.149 → "2.1". */
    static String ratio(double value) {
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).toPlainString();
    }

    /** {@code value} rounded to {@code digits} significant digits, never in exponent notation. */
    static String significant(double value, int digits) {
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
}
