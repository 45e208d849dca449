package dev.infbench.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infbench.config.CellConfig;
import dev.infbench.config.Parameter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {

    @Test
    void theDelayPropertySlowsOnlyTheCellsItNamesAndLeavesTheirIdentityAlone() throws Exception {
        CellConfig int8 = CellConfig.of(Map.of(Parameter.PRECISION, "int8", Parameter.BATCH, "1"));
        CellConfig fp32 = CellConfig.of(Map.of(Parameter.PRECISION, "fp32", Parameter.BATCH, "1"));
        assertThat(FaultInjection.delayFromProperty(int8, "precision=int8+batch=1:1500")).isEqualTo("1500");
        assertThat(FaultInjection.delayFromProperty(fp32, "precision=int8+batch=1:1500")).isNull();
        assertThat(FaultInjection.delayFromProperty(int8, "precision=int8+batch=8:1500")).isNull();
        assertThat(FaultInjection.delayFromProperty(int8, null)).isNull();
        assertThat(int8.key()).doesNotContain("delay");
    }

    @Test
    void aMalformedDelayPropertyIsAnErrorNotSilence() throws Exception {
        CellConfig cell = CellConfig.of(Map.of());
        assertThatThrownBy(() -> FaultInjection.delayFromProperty(cell, "precision=int8"))
                .hasMessageContaining("MICROS");
        assertThatThrownBy(() -> FaultInjection.delayFromProperty(cell, "precision=int8:0"))
                .hasMessageContaining("MICROS");
    }
}
