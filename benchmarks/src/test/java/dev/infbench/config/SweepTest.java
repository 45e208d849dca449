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
        assertThat(sweep.valuesOf(Parameter.PRECISION)).containsExactly("fp32", "int8", "fp16");
        assertThat(sweep.valuesOf(Parameter.BATCH)).containsExactly("1", "8");
        assertThat(sweep.valuesOf(Parameter.THREADS)).containsExactly("1", "0");
        assertThat(sweep.valuesOf(Parameter.MODEL)).containsExactly("minilm", "resnet50");
        // MiniLM: 2 precisions x 2 batches x 2 thread counts; resnet50: 2 backends x 2 layouts, not crossed with
        // MiniLM's; and resnet50 fp16 and int8 on ONNX Runtime.
        assertThat(sweep.expand()).hasSize(14);
        assertThat(sweep.expand().stream().filter(c -> c.model().equals("resnet50")))
                .extracting(CellConfig::backend, c -> c.layout().label(), c -> c.precision().label())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("onnxruntime", "nchw", "fp32"),
                        org.assertj.core.groups.Tuple.tuple("onnxruntime", "nhwc", "fp32"),
                        org.assertj.core.groups.Tuple.tuple("pytorch", "nchw", "fp32"),
                        org.assertj.core.groups.Tuple.tuple("pytorch", "nhwc", "fp32"),
                        org.assertj.core.groups.Tuple.tuple("onnxruntime", "nchw", "fp16"),
                        org.assertj.core.groups.Tuple.tuple("onnxruntime", "nchw", "int8"));
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
            assertThat(c.precision()).isEqualTo(Precision.FP32);
            assertThat(c.model()).isEqualTo("minilm");
        });
    }

    @Test
    void dashPValuesReplaceTheSweepsValues() throws UsageException {
        Sweep sweep = Sweep.load(Sweep.DEFAULT).with(Map.of(Parameter.BATCH, List.of("64")));
        assertThat(sweep.valuesOf(Parameter.BATCH)).containsExactly("64");
        assertThat(sweep.valuesOf(Parameter.PRECISION)).containsExactly("fp32", "int8", "fp16");
        assertThat(sweep.expand()).hasSize(10);
    }

    @Test
    void expansionOrderIsStableWithTheLastParameterVaryingFastest() throws UsageException {
        List<CellConfig> cells = Sweep.defaults().with(Map.of(
                Parameter.PRECISION, List.of("fp32", "int8"), Parameter.BATCH, List.of("1", "8"))).expand();
        assertThat(cells).extracting(c -> c.precision() + "/" + c.batch())
                .containsExactly("fp32/1", "fp32/8", "int8/1", "int8/8");
    }

    @Test
    void sectionsAreAUnionAndACellInTwoRunsOnce() throws Exception {
        Sweep sweep = Sweep.parse("t", "model=minilm\nbatch=1,8\n---\nmodel=minilm\nbatch=8,64\n");

        assertThat(sweep.expand()).extracting(CellConfig::batch).containsExactly(1, 8, 64);
        assertThat(sweep.size()).isEqualTo(4);
        assertThatThrownBy(() -> Sweep.parse("t", "---\nbatch=1\n")).isInstanceOf(UsageException.class)
                .hasMessageContaining("line 1: empty section");
        assertThatThrownBy(() -> Sweep.parse("t", "batch=1\n---\n")).isInstanceOf(UsageException.class)
                .hasMessageContaining("empty section after");
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
