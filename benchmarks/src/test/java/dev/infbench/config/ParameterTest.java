package dev.infbench.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infbench.bench.InferenceBenchmark;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;

class ParameterTest {

    @Test
    void theBenchmarkDeclaresExactlyTheParametersWithTheirDefaults() {
        List<Field> fields = Arrays.stream(InferenceBenchmark.class.getFields())
                .filter(f -> f.isAnnotationPresent(Param.class)).toList();
        assertThat(fields).extracting(Field::getName).containsExactlyInAnyOrderElementsOf(Parameter.keys());
        for (Field f : fields) {
            Parameter p = Parameter.byKey(f.getName()).orElseThrow();
            assertThat(f.getAnnotation(Param.class).value()).as(f.getName()).containsExactly(p.defaultValue());
        }
    }

    @Test
    void everyDefaultIsValid() throws UsageException {
        for (Parameter p : Parameter.values()) {
            assertThat(p.validate(p.defaultValue())).isEqualTo(p.defaultValue());
        }
    }

    @Test
    void aTypoInANameListsTheValidNames() {
        assertThatThrownBy(() -> Parameter.require("bacth"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("bacth").hasMessageContaining("batch").hasMessageContaining("precision");
    }

    @Test
    void aTypoInAValueListsTheValidValues() {
        assertThatThrownBy(() -> Parameter.PRECISION.validate("fp23"))
                .isInstanceOf(UsageException.class).hasMessageContaining("fp23").hasMessageContaining("int8");
        assertThatThrownBy(() -> Parameter.MODEL.validate("minlm"))
                .isInstanceOf(UsageException.class).hasMessageContaining("minilm");
    }

    @Test
    void batchMustBeAPositiveInteger() {
        assertThatThrownBy(() -> Parameter.BATCH.validate("0")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> Parameter.BATCH.validate("-8")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> Parameter.BATCH.validate("eight")).hasMessageContaining("not an integer");
        assertThatThrownBy(() -> Parameter.BATCH.validate("")).hasMessageContaining("empty");
    }

    @Test
    void interOpThreadsStartAtOne() {
        assertThatThrownBy(() -> Parameter.INTEROP.validate("0")).hasMessageContaining("out of range");
    }

    @Test
    void backendOptionsAreKeyValuePairsJoinedByPlus() throws UsageException {
        assertThat(Parameter.OPTIONS.validate("opt:basic+spin:off")).isEqualTo("opt:basic+spin:off");
        assertThatThrownBy(() -> Parameter.OPTIONS.validate("opt=basic")).hasMessageContaining("key:value");
        assertThatThrownBy(() -> Parameter.OPTIONS.validate("opt:a+opt:b")).hasMessageContaining("twice");
    }

    @Test
    void valuesAreCanonicalised() throws UsageException {
        assertThat(Parameter.PRECISION.validate(" INT8 ")).isEqualTo("int8");
        assertThat(Parameter.BATCH.validate("008")).isEqualTo("8");
        assertThat(Parameter.THREADS.validate("0")).isEqualTo("0");
    }
}
