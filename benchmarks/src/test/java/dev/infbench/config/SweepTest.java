package dev.infbench.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepTest {

    @Test
    void theDefaultSweepListsSeveralValuesPerParameter() throws UsageException {
        Sweep sweep = Sweep.load(Sweep.DEFAULT);
        assertThat(sweep.valuesOf(Parameter.PRECISION)).containsExactly("fp32", "int8");
        assertThat(sweep.valuesOf(Parameter.BATCH)).containsExactly("1", "8");
        assertThat(sweep.valuesOf(Parameter.THREADS)).containsExactly("1", "0");
        assertThat(sweep.expand()).hasSize(8);
    }

    @Test
    void everyBundledSweepLoads() throws UsageException {
        assertThat(Sweep.namedSweeps()).contains(Sweep.DEFAULT);
        for (String name : Sweep.namedSweeps()) {
            assertThat(Sweep.load(name).expand()).as(name).isNotEmpty();
        }
    }

    @Test
    void withoutASweepUnnamedParametersKeepTheirSingleDefault() throws UsageException {
        List<CellConfig> cells = Sweep.defaults().with(Map.of(Parameter.BATCH, List.of("1", "8", "64"))).expand();
        assertThat(cells).extracting(CellConfig::batch).containsExactly(1, 8, 64);
        assertThat(cells).allSatisfy(c -> {
            assertThat(c.precision()).isEqualTo("fp32");
            assertThat(c.model()).isEqualTo("minilm");
        });
    }

    @Test
    void dashPValuesReplaceTheSweepsValues() throws UsageException {
        Sweep sweep = Sweep.load(Sweep.DEFAULT).with(Map.of(Parameter.BATCH, List.of("64")));
        assertThat(sweep.valuesOf(Parameter.BATCH)).containsExactly("64");
        assertThat(sweep.valuesOf(Parameter.PRECISION)).containsExactly("fp32", "int8");
        assertThat(sweep.expand()).hasSize(4);
    }

    @Test
    void expansionOrderIsStableWithTheLastParameterVaryingFastest() throws UsageException {
        List<CellConfig> cells = Sweep.defaults().with(Map.of(
                Parameter.PRECISION, List.of("fp32", "int8"), Parameter.BATCH, List.of("1", "8"))).expand();
        assertThat(cells).extracting(c -> c.precision() + "/" + c.batch())
                .containsExactly("fp32/1", "fp32/8", "int8/1", "int8/8");
    }

    @Test
    void aSweepFileIsReadFromDisk(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("mine.sweep");
        Files.writeString(f, "# comment\nbatch = 2, 4\n\nprecision=int8\n");
        Sweep sweep = Sweep.load(f.toString());
        assertThat(sweep.expand()).extracting(CellConfig::batch).containsExactly(2, 4);
    }

    @Test
    void aBadSweepFileNamesItsLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.sweep");
        Files.writeString(f, "batch=1\nbatsh=2\n");
        assertThatThrownBy(() -> Sweep.load(f.toString()))
                .isInstanceOf(UsageException.class).hasMessageContaining("line 2").hasMessageContaining("batsh");
        Files.writeString(f, "batch=1,0\n");
        assertThatThrownBy(() -> Sweep.load(f.toString())).hasMessageContaining("line 1").hasMessageContaining("out of range");
    }

    @Test
    void anUnknownSweepNameListsTheNamedOnes() {
        assertThatThrownBy(() -> Sweep.load("nightly-typo"))
                .isInstanceOf(UsageException.class).hasMessageContaining("default");
    }

    @Test
    void cellKeysNameEveryParameter() throws UsageException {
        CellConfig c = Sweep.defaults().expand().get(0);
        assertThat(c.key()).isEqualTo(
                "model=minilm,backend=onnxruntime,target=cpu,precision=fp32,batch=1,threads=0,interop=1,layout=nchw,"
                        + "seq=128,shape=none,options=none");
    }
}
