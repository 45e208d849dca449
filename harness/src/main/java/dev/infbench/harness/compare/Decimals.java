package dev.infbench.harness.compare;

import dev.infbench.harness.report.DecimalText;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Locale-independent number text for the compare and merge reports: always {@code .} as the decimal point, never
 * grouping, whatever the JVM's default locale.
 */
public final class Decimals {


    private Decimals() {
    }

    /** {@code value} to {@code digits} significant digits, every integer digit kept: 19.84 → "19.8", 1234.5 → "1235". */
    public static String significant(double value, int digits) {
        return DecimalText.significant(value, digits);
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
        return DecimalText.exact(value);
    }

    /** A p-value for CSV: 4 significant digits, exponent notation when small ("1.234E-12"), which spreadsheets read. */
    public static String exactPValue(double p) {
        if (p == 0) {
            return "0";
        }
        return BigDecimal.valueOf(p).round(new MathContext(4, RoundingMode.HALF_EVEN)).stripTrailingZeros().toString();
    }

    /** A text cell made safe for spreadsheets (see {@link DecimalText#csvText}); null stays null. */
    public static String csvText(String text) {
        return text == null ? null : DecimalText.csvText(text);
    }
}
