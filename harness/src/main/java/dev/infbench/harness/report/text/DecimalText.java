package dev.infbench.harness.report.text;

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
        String shortest = Double.toString(value);
        if (!Double.isFinite(value) || shortest.indexOf('E') >= 0 || digits < 1) {
            return significantExactly(value, digits);
        }
        // The same rounding on the digits of Double.toString, which is what BigDecimal.valueOf reads: tables format
        // hundreds of thousands of numbers, and BigDecimal is most of their cost.
        boolean negative = shortest.charAt(0) == '-';
        int dot = shortest.indexOf('.');
        String integer = shortest.substring(negative ? 1 : 0, dot);
        String fraction = shortest.substring(dot + 1);
        String all = integer + fraction;
        int first = 0;
        while (first < all.length() && all.charAt(first) == '0') {
            first++;
        }
        if (first == all.length()) {
            return "0";
        }
        int magnitude = integer.length() - 1 - first;
        // Rounding to `digits` significant digits can carry into a new leading digit: 9.996 → 10.0.
        if (first + digits < all.length() && all.charAt(first + digits) >= '5') {
            boolean nines = true;
            for (int i = first; i < first + digits; i++) {
                nines &= all.charAt(i) == '9';
            }
            if (nines) {
                magnitude++;
            }
        }
        int decimals = Math.max(0, digits - 1 - magnitude);
        return (negative ? "-" : "") + roundHalfUp(integer, fraction, decimals);
    }

    /** {@code integer.fraction} rounded half up to {@code decimals} decimals, as plain text. */
    private static String roundHalfUp(String integer, String fraction, int decimals) {
        if (fraction.length() <= decimals) {
            return decimals == 0 ? integer : integer + "." + fraction + "0".repeat(decimals - fraction.length());
        }
        char[] kept = (integer + fraction.substring(0, decimals)).toCharArray();
        String text;
        if (fraction.charAt(decimals) >= '5') {
            int i = kept.length - 1;
            while (i >= 0 && kept[i] == '9') {
                kept[i--] = '0';
            }
            if (i >= 0) {
                kept[i]++;
                text = new String(kept);
            } else {
                text = "1" + new String(kept);
            }
        } else {
            text = new String(kept);
        }
        int point = text.length() - decimals;
        return decimals == 0 ? text : text.substring(0, point) + "." + text.substring(point);
    }

    /** {@link #significant} computed with BigDecimal throughout: the definition the fast path must match. */
    static String significantExactly(double value, int digits) {
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
        if (value == 0) {
            return "0";
        }
        String shortest = Double.toString(value);
        if (Double.isFinite(value) && shortest.indexOf('E') < 0) {
            return fifteenDigits(shortest);
        }
        return exactly(value);
    }

    /** {@link #exact} computed with BigDecimal throughout: the definition the fast path must match. */
    static String exactly(double value) {
        return BigDecimal.valueOf(value).round(FIFTEEN_DIGITS).stripTrailingZeros().toPlainString();
    }

    /**
     * A plain decimal from Double.toString (sign, digits, '.', digits) rounded half-even to 15 significant digits,
     * trailing zeros stripped: what {@code BigDecimal.round(15 digits).stripTrailingZeros().toPlainString()} gives,
     * without BigDecimal (most JMH figures carry 16 or 17 digits, so this is the common case).
     */
    private static String fifteenDigits(String plain) {
        boolean negative = plain.charAt(0) == '-';
        int dot = plain.indexOf('.');
        String integer = plain.substring(negative ? 1 : 0, dot);
        char[] digits = (integer + plain.substring(dot + 1)).toCharArray();
        int point = integer.length();
        int first = 0;
        while (first < digits.length && digits[first] == '0') {
            first++;
        }
        int keep = first + 15;
        if (keep < digits.length) {
            boolean up;
            if (digits[keep] != '5') {
                up = digits[keep] > '5';
            } else {
                boolean beyond = false;
                for (int i = keep + 1; i < digits.length; i++) {
                    beyond |= digits[i] != '0';
                }
                up = beyond || (digits[keep - 1] - '0') % 2 == 1;
            }
            for (int i = keep; i < digits.length; i++) {
                digits[i] = '0';
            }
            if (up) {
                int i = keep - 1;
                while (i >= 0 && digits[i] == '9') {
                    digits[i--] = '0';
                }
                if (i < 0) {
                    char[] longer = new char[digits.length + 1];
                    longer[0] = '1';
                    System.arraycopy(digits, 0, longer, 1, digits.length);
                    digits = longer;
                    point++;
                } else {
                    digits[i]++;
                }
            }
        }
        int end = digits.length;
        while (end > point && digits[end - 1] == '0') {
            end--;
        }
        int start = 0;
        while (start < point - 1 && digits[start] == '0') {
            start++;
        }
        StringBuilder text = new StringBuilder(end - start + 2);
        if (negative) {
            text.append('-');
        }
        text.append(digits, start, point - start);
        if (end > point) {
            text.append('.').append(digits, point, end - point);
        }
        return text.toString();
    }

    /** True when {@code text} is one plain decimal number, such as {@code -1}, {@code 0.5} or {@code 1e3}. */
    public static boolean isNumber(String text) {
        // By hand, the pattern [+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?: tables ask for every one of their cells.
        int n = text.length();
        int i = 0;
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            i++;
        }
        int integerDigits = 0;
        while (i < n && isDigit(text.charAt(i))) {
            i++;
            integerDigits++;
        }
        int fractionDigits = 0;
        if (i < n && text.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
                fractionDigits++;
            }
        }
        if (integerDigits == 0 && fractionDigits == 0) {
            return false;
        }
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    /** ASCII digits only, as {@code \\d} matches. */
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The pattern {@link #isNumber} implements; the tests hold the two to the same answers. */
    static boolean matchesNumberPattern(String text) {
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

    /** A figure as reports state it: three significant digits, every integer digit kept (7.1107 → "7.11"). */
    public static String figure(double value) {
        return significant(value, 3);
    }

    /** A ratio with {@code decimals} decimals, half up: {@code ratio(2.149, 1)} → "2.1". */
    public static String ratio(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
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

    /** A p-value for CSV: 4 significant digits, exponent notation when small ("1.234E-12"), which spreadsheets read. */
    public static String exactPValue(double p) {
        if (p == 0) {
            return "0";
        }
        return BigDecimal.valueOf(p).round(new MathContext(4, RoundingMode.HALF_EVEN)).stripTrailingZeros().toString();
    }
}
