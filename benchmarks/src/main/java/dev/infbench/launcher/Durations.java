package dev.infbench.launcher;

/** Durations for people: {@code 45s}, {@code 3m05s}, {@code 1h02m}. */
final class Durations {
    private Durations() {
    }

    private static final java.util.regex.Pattern DURATION = java.util.regex.Pattern.compile(
            "(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+(?:\\.\\d+)?)s?)?");

    /**
     * Seconds of a duration written {@code 600}, {@code 600s}, {@code 10m}, {@code 9m30s} or {@code 1h}; null when
     * the text is none of these.
     */
    static Double parse(String text) {
        String t = text.strip();
        var m = DURATION.matcher(t);
        if (t.isEmpty() || !m.matches()) {
            return null;
        }
        double s = 0;
        s += m.group(1) == null ? 0 : Long.parseLong(m.group(1)) * 3600.0;
        s += m.group(2) == null ? 0 : Long.parseLong(m.group(2)) * 60.0;
        s += m.group(3) == null ? 0 : Double.parseDouble(m.group(3));
        return s;
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
