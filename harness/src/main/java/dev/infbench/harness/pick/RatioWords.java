package dev.infbench.harness.pick;

import dev.infbench.harness.report.text.DecimalText;
import dev.infbench.harness.stats.Ratio;

/**
 * A ratio of two cells said honestly: a difference only where its 95% interval shows one ("2.1× lower
 * (×0.45–×0.51)"), "no measurable difference (×0.97–×1.04)" where the interval lies within the minimum effect,
 * "unresolved after 3 rounds (×0.88–×1.21)" where it cannot tell. Never "1.1× lower" from a busy minute.
 */
final class RatioWords {
    private RatioWords() {
    }

    /** How A stands against B, {@code ratio} being A / B. */
    static String of(Ratio ratio) {
        String range = range(ratio);
        return switch (ratio.verdict(Ratio.DEFAULT_MIN_EFFECT)) {
            case HIGHER -> times(ratio.estimate()) + " higher" + range;
            case LOWER -> times(1 / ratio.estimate()) + " lower" + range;
            case SAME -> "no measurable difference" + range;
            case UNRESOLVED -> "unresolved after " + rounds(ratio) + range;
        };
    }

    /** " (×0.97–×1.04)", or " (×1.12 in one round)" without an interval. */
    static String range(Ratio ratio) {
        if (ratio.interval() == null) {
            return " (×" + DecimalText.ratio(ratio.estimate(), 2) + (ratio.rounds() != 1 ? ""
                    : ratio.paired() ? " in one round" : " from one fork") + ", no interval)";
        }
        return " (×" + DecimalText.ratio(ratio.interval().low(), 2) + "–×"
                + DecimalText.ratio(ratio.interval().high(), 2) + ")";
    }

    /** "2.5×", or "1.04×" below 1.1× (where one decimal would read "1.0× lower"). */
    private static String times(double r) {
        return DecimalText.ratio(r, r < 1.1 ? 2 : 1) + "×";
    }

    private static String rounds(Ratio ratio) {
        String what = ratio.paired() ? "round" : "fork";
        return ratio.rounds() + " " + what + (ratio.rounds() == 1 ? "" : "s");
    }
}
