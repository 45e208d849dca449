package dev.infbench.launcher;

/** Durations for people: {@code 45s}, {@code 3m05s}, {@code 1h02m}. */
final class Durations {
    private Durations() {
    }

    static String format(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(java.util.Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(java.util.Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
