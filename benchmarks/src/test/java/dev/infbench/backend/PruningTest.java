package dev.infbench.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infbench.config.CellConfig;
import dev.infbench.config.Parameter;
import dev.infbench.config.UsageException;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PruningTest {

    private static CellConfig cell(Object... kv) throws UsageException {
        Map<Parameter, String> m = new EnumMap<>(Parameter.class);
        for (int i = 0; i < kv.length; i += 2) {
            m.put((Parameter) kv[i], kv[i + 1].toString());
        }
        return CellConfig.of(m);
    }

    @Test
    void theDefaultCellRuns() throws UsageException {
        assertThat(Backends.check(cell()).supported()).isTrue();
        assertThat(Backends.check(cell(Parameter.PRECISION, "int8")).supported()).isTrue();
    }

    @Test
    void bf16OnOnnxRuntimeCpuIsPrunedForLackOfKernels() throws UsageException {
        Capability c = Backends.check(cell(Parameter.PRECISION, "bf16"));
        assertThat(c.supported()).isFalse();
        assertThat(c.reason()).isEqualTo("bf16 on onnxruntime/cpu: no CPU kernels");
    }

    @Test
    void anInt8VariantAModelLacksSaysWhichOnesExist() throws UsageException {
        assertThat(Backends.check(cell(Parameter.MODEL, "resnet50", Parameter.PRECISION, "int8")).supported())
                .isTrue();
        Capability c = Backends.check(cell(Parameter.MODEL, "resnet50", Parameter.PRECISION, "int8",
                Parameter.OPTIONS, "int8:shipped"));
        assertThat(c.supported()).isFalse();
        assertThat(c.reason()).contains("int8:shipped").contains("no such variant").contains("int8.static")
                .contains("fp16");
    }

    @Test
    void theInt8OptionAppliesToInt8CellsOnly() throws UsageException {
        Capability c = Backends.check(cell(Parameter.PRECISION, "fp32", Parameter.OPTIONS, "int8:static"));
        assertThat(c.supported()).isFalse();
        assertThat(c.reason()).contains("int8:static").contains("this cell is fp32");
    }

    @Test
    void cudaNeedsAGpuBuildOfOnnxRuntime() throws UsageException {
        Capability c = Backends.check(cell(Parameter.TARGET, "cuda"));
        assertThat(c.supported()).isFalse();
        assertThat(c.reason()).contains("onnxruntime/cuda").contains("CPU-only");
    }

    @Test
    void channelsLastAppliesToImageModelsOnly() throws UsageException {
        Capability c = Backends.check(cell(Parameter.LAYOUT, "nhwc"));
        assertThat(c.supported()).isFalse();
        assertThat(c.reason()).startsWith("nhwc applies to image models only");
    }

    @Test
    void aSequenceLongerThanTheModelAcceptsIsPruned() throws UsageException {
        assertThat(Backends.check(cell(Parameter.SEQ, "512")).supported()).isTrue();
        assertThat(Backends.check(cell(Parameter.SEQ, "513")).reason()).contains("maximum of 512");
    }

    @Test
    void reservedBackendsArePrunedNotAttempted() throws UsageException {
        for (String b : new String[] {"tensorrt", "onnxruntime-trt"}) {
            Capability c = Backends.check(cell(Parameter.BACKEND, b));
            assertThat(c.supported()).as(b).isFalse();
            assertThat(c.reason()).as(b).contains("not implemented");
        }
    }

    @Test
    void pytorchRunsTheImageNetworksInFp32AndFp16AndPrunesTheRestWithTheReason() throws UsageException {
        for (String model : new String[] {"resnet50", "mobilenetv2", "smallcnn"}) {
            for (String precision : new String[] {"fp32", "fp16"}) {
                for (String layout : new String[] {"nchw", "nhwc"}) {
                    assertThat(Backends.check(cell(Parameter.BACKEND, "pytorch", Parameter.MODEL, model,
                            Parameter.PRECISION, precision, Parameter.LAYOUT, layout)).supported())
                            .as(model + " " + precision + " " + layout).isTrue();
                }
            }
        }
        assertThat(Backends.check(cell(Parameter.BACKEND, "pytorch", Parameter.MODEL, "resnet50",
                Parameter.PRECISION, "bf16")).reason()).contains("aborts the JVM").contains("not attempted");
        assertThat(Backends.check(cell(Parameter.BACKEND, "pytorch", Parameter.MODEL, "resnet50",
                Parameter.PRECISION, "int8")).reason()).contains("int8 on pytorch");
        assertThat(Backends.check(cell(Parameter.BACKEND, "pytorch", Parameter.MODEL, "resnet50",
                Parameter.TARGET, "cuda")).reason()).contains("CPU build");
        assertThat(Backends.check(cell(Parameter.BACKEND, "pytorch")).reason())
                .contains("minilm exists here only as an ONNX file");
        assertThat(Backends.check(cell(Parameter.BACKEND, "pytorch", Parameter.MODEL, "resnet50",
                Parameter.OPTIONS, "opt:all")).reason()).contains("pytorch has no option 'opt'");
    }

    @Test
    void imageNetworksRunOnOnnxRuntimeInFp32EitherLayout() throws UsageException {
        for (String layout : new String[] {"nchw", "nhwc"}) {
            assertThat(Backends.check(cell(Parameter.MODEL, "resnet50", Parameter.LAYOUT, layout)).supported())
                    .as(layout).isTrue();
        }
        assertThat(Backends.check(cell(Parameter.MODEL, "resnet50", Parameter.PRECISION, "bf16")).reason())
                .isEqualTo("bf16 on onnxruntime/cpu: no CPU kernels");
    }

    @Test
    void onnxRuntimeOptionsAreChecked() throws UsageException {
        assertThat(Backends.check(cell(Parameter.OPTIONS, "opt:basic+spin:off")).supported()).isTrue();
        assertThat(Backends.check(cell(Parameter.OPTIONS, "opt:fast")).reason()).contains("none, basic, extended, all");
        assertThat(Backends.check(cell(Parameter.OPTIONS, "colour:red")).reason()).contains("no option 'colour'");
        assertThat(Backends.check(cell(Parameter.OPTIONS, "fault:throw")).supported()).isTrue();
        assertThat(Backends.check(cell(Parameter.OPTIONS, "fault:maybe")).reason()).contains("throw, halt");
        assertThat(Backends.check(cell(Parameter.OPTIONS, "delay:1500+opt:basic")).supported()).isTrue();
        assertThat(Backends.check(cell(Parameter.OPTIONS, "delay:0")).reason()).contains("microseconds");
        assertThat(Backends.check(cell(Parameter.OPTIONS, "delay:soon")).reason()).contains("microseconds");
    }

    @Test
    void everyDeclaredBackendHasAnImplementation() {
        for (String name : Parameter.BACKEND.choices()) {
            assertThat(Backends.get(name).name()).isEqualTo(name);
        }
    }
}
