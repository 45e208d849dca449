package dev.infbench.backend.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infbench.backend.BackendSession;
import dev.infbench.backend.Backends;
import dev.infbench.config.CellConfig;
import dev.infbench.config.Parameter;
import dev.infbench.model.HostTensor;
import dev.infbench.model.InputBatch;
import dev.infbench.model.InputPlanException;
import dev.infbench.model.InputSpec;
import dev.infbench.model.ModelCatalog;
import dev.infbench.model.ModelInputs;
import dev.infbench.model.ModelSpec;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's TorchScript file (test fixture written by python3-torch 1.13: see its make-tiny-cnn.py) through DJL. */
class TorchScriptTest {

    /** The fixture's first output row for an input of 0.5 everywhere, as PyTorch 1.13 computed it when saving. */
    private static final double[] EXPECTED = {0.14993450045585632, 0.20818482339382172, -0.0975959300994873,
        -0.09786587953567505, -0.33024340867996216};

    private static Path fixture(Path dir) throws Exception {
        Path file = dir.resolve("tiny-cnn.pt");
        try (InputStream in = TorchScriptTest.class.getResourceAsStream("/torchscript/tiny-cnn.pt")) {
            Files.copy(in, file);
        }
        return file;
    }

    private static CellConfig cell(Path model, String backend, String precision, String shape) throws Exception {
        Map<Parameter, String> m = new EnumMap<>(Parameter.class);
        m.put(Parameter.MODEL, model.toString());
        m.put(Parameter.BACKEND, backend);
        m.put(Parameter.PRECISION, precision);
        m.put(Parameter.BATCH, "2");
        m.put(Parameter.SHAPE, shape);
        return CellConfig.of(m);
    }

    @Test
    void aTorchScriptFileRunsOnPyTorchAsSaved(@TempDir Path dir) throws Exception {
        Path file = fixture(dir);
        ModelSpec spec = ModelCatalog.get(file.toString());
        CellConfig cell = cell(file, "pytorch", "fp32", "x:3x16x16");
        assertThat(spec.torchScript()).isTrue();
        assertThat(Backends.check(cell).supported()).isTrue();

        List<InputSpec> inputs = ModelInputs.plan(spec, 2, 128, "x:3x16x16");
        assertThat(inputs).hasSize(1);
        assertThat(inputs.get(0).shape()).containsExactly(2, 3, 16, 16);
        float[] half = new float[2 * 3 * 16 * 16];
        Arrays.fill(half, 0.5f);
        try (BackendSession s = Backends.get("pytorch").open(cell, spec.reference())) {
            s.bind(InputBatch.of(List.of(HostTensor.ofFloats("x", new long[] {2, 3, 16, 16}, half))));
            HostTensor out = s.outputs().get(0);
            assertThat(out.shape()).containsExactly(2, 5);
            for (int i = 0; i < EXPECTED.length; i++) {
                assertThat(out.get(i)).isCloseTo(EXPECTED[i], org.assertj.core.data.Offset.offset(1e-5));
            }
            assertThat(s.effectiveSettings()).containsKey("intra_op_threads").containsKey("model_sha256");
        }
    }

    @Test
    void withoutAShapeOnlyOtherBackendsOrPrecisionsItIsRefusedWithTheReason(@TempDir Path dir) throws Exception {
        Path file = fixture(dir);
        ModelSpec spec = ModelCatalog.get(file.toString());

        assertThatThrownBy(() -> ModelInputs.plan(spec, 1, 128, "none")).isInstanceOf(InputPlanException.class)
                .hasMessageContaining("-p shape=NAME:DIMS");
        assertThat(Backends.check(cell(file, "onnxruntime", "fp32", "x:3x16x16")).reason())
                .contains("onnxruntime runs ONNX files").contains("TorchScript");
        assertThat(Backends.check(cell(file, "pytorch", "fp16", "x:3x16x16")).reason())
                .contains("runs as saved");
        assertThat(ModelCatalog.torchScriptWarning(file.toString())).contains("executable code")
                .contains("trusted source");
    }
}
