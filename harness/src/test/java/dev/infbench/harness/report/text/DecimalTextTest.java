package dev.infbench.harness.report.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DecimalTextTest {

    @Test
    void significantRoundsForReading() {
        assertThat(DecimalText.significant(0.05123, 3)).isEqualTo("0.0512");
        assertThat(DecimalText.significant(1.5, 3)).isEqualTo("1.50");
        assertThat(DecimalText.significant(19.84, 3)).isEqualTo("19.8");
        assertThat(DecimalText.significant(50505.2, 3)).isEqualTo("50505");
        assertThat(DecimalText.significant(9.996, 3)).isEqualTo("10.0");
        assertThat(DecimalText.significant(99.95, 3)).isEqualTo("100");
        assertThat(DecimalText.significant(0.0999, 2)).isEqualTo("0.10");
        assertThat(DecimalText.significant(-2.345, 3)).isEqualTo("-2.35");
        assertThat(DecimalText.significant(1.0e-5, 3)).isEqualTo("0.0000100");
    }

    @Test
    void exactKeepsFifteenDigitsWithoutNoise() {
        assertThat(DecimalText.exact(20.0)).isEqualTo("20");
        assertThat(DecimalText.exact(1e-4)).isEqualTo("0.0001");
        assertThat(DecimalText.exact(1498.3999999999999)).isEqualTo("1498.4");
        assertThat(DecimalText.exact(-0.0)).isEqualTo("0");
        assertThat(DecimalText.exact(1.0e7)).isEqualTo("10000000");
    }

    @Test
    void isNumberAnswersAsItsPattern() {
        Random random = new Random(11);
        String alphabet = "0123456789+-.eE x";
        for (int i = 0; i < 100_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(7); n > 0; n--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertThat(DecimalText.isNumber(text.toString())).as("'%s'", text)
                    .isEqualTo(DecimalText.matchesNumberPattern(text.toString()));
        }
        assertThat(DecimalText.isNumber("-1")).isTrue();
        assertThat(DecimalText.isNumber("1e3")).isTrue();
        assertThat(DecimalText.isNumber(".5")).isTrue();
        assertThat(DecimalText.isNumber("=1+2")).isFalse();
        assertThat(DecimalText.isNumber("-")).isFalse();
    }

    /** The fast paths read Double.toString's digits; BigDecimal is the definition they must match, bit for bit. */
    @Test
    void fastPathsAgreeWithBigDecimalOverManyMagnitudes() {
        Random random = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            double value = switch (i % 6) {
                case 4 -> random.nextDouble() * Math.pow(10, random.nextInt(9) - 2);
                case 5 -> 0.032768 * (1 + random.nextInt(5000)) * (random.nextBoolean() ? 1 : -1);
                case 0 -> Math.pow(10, random.nextDouble() * 16 - 8) * (random.nextBoolean() ? 1 : -1);
                case 1 -> Math.round(random.nextDouble() * 100_000) / 1000.0;
                case 2 -> (random.nextInt(2000) + 0.5) / Math.pow(10, random.nextInt(6));
                default -> 9.995 * Math.pow(10, random.nextInt(10) - 5);
            };
            int digits = 1 + random.nextInt(5);
            assertThat(DecimalText.significant(value, digits)).as("significant(%s, %d)", value, digits)
                    .isEqualTo(DecimalText.significantExactly(value, digits));
            assertThat(DecimalText.exact(value)).as("exact(%s)", value).isEqualTo(DecimalText.exactly(value));
        }
    }
}
