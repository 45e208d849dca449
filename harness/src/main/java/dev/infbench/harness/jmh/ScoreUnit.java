package dev.infbench.harness.jmh;

import dev.infbench.harness.HarnessException;

/**
 * A JMH {@code scoreUnit}: either time per operation ({@code "ms/op"}) or operations per time ({@code "ops/ms"}),
 * with the factor that converts its time unit to milliseconds.
 */
public record ScoreUnit(boolean throughput, double millisPerTimeUnit) {

    /** Parses the unit strings JMH writes (see JMH's {@code TimeValue}); anything else is an error, never a guess. */
    public static ScoreUnit parse(String unit) {
        if (unit == null) {
            throw new HarnessException("JMH result has no scoreUnit");
        }
        if (unit.startsWith("ops/")) {
            return new ScoreUnit(true, millisPer(unit.substring(4), unit));
        }
        if (unit.endsWith("/op")) {
            return new ScoreUnit(false, millisPer(unit.substring(0, unit.length() - 3), unit));
        }
        throw new HarnessException("unknown JMH score unit '" + unit + "'");
    }

    /** A time-per-operation score in this unit, in milliseconds per operation. */
    public double toMillisPerOp(double score) {
        return score * millisPerTimeUnit;
    }

    /** An operations-per-time score in this unit, in operations per second. */
    public double toOpsPerSecond(double score) {
        return score * 1000.0 / millisPerTimeUnit;
    }

    private static double millisPer(String timeUnit, String unit) {
        return switch (timeUnit) {
            case "ns" -> 1e-6;
            case "us", "\u00b5s", "\u03bcs" -> 1e-3;
            case "ms" -> 1.0;
            case "s" -> 1e3;
            case "min" -> 60e3;
            case "hr" -> 3600e3;
            case "day" -> 86400e3;
            default -> throw new HarnessException("unknown JMH score unit '" + unit + "'");
        };
    }
}
