package dev.infbench.harness.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import dev.infbench.harness.HarnessException;

/** The numbers of a JMH JSON result as JMH writes them: non-finite values as strings, counts as whole numbers. */
public final class JmhNumbers {
    private JmhNumbers() {
    }

    /**
     * Reads a JMH number. JMH writes non-finite values as the strings {@code "NaN"}, {@code "+INF"} and
     * {@code "-INF"}; a missing value reads as NaN (unknown).
     *
     * @throws HarnessException if the node is neither a number nor one of those strings
     */
    public static double number(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Double.NaN;
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            return number(node.asText());
        }
        throw new HarnessException("not a number in JMH result: " + node);
    }

    /**
     * Reads a JMH number written as text: {@code "NaN"}, {@code "+INF"}, {@code "-INF"} (and Java's spellings), or
     * a decimal.
     *
     * @throws HarnessException if the text is none of these
     */
    public static double number(String value) {
        String text = value.strip();
        switch (text) {
            case "NaN":
                return Double.NaN;
            case "+INF", "INF", "Infinity", "+Infinity":
                return Double.POSITIVE_INFINITY;
            case "-INF", "-Infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new HarnessException("not a number in JMH result: \"" + text + "\"", e);
                }
        }
    }

    /**
     * A {@code rawDataHistogram} count as a whole number of calls.
     *
     * @throws HarnessException if it is negative, fractional or not a number
     */
    public static long count(double count) {
        if (!(count >= 0) || count != Math.rint(count)) {
            throw new HarnessException("rawDataHistogram count is not a whole number: " + count);
        }
        return (long) count;
    }
}
