package dev.infbench.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infbench.backend.Backend;
import dev.infbench.backend.Backends;
import dev.infbench.config.CellConfig;
import dev.infbench.config.Parameter;
import dev.infbench.format.ChromeTrace;
import dev.infbench.format.OperatorProfile;
import dev.infbench.harness.profile.OperatorTable;
import dev.infbench.model.InputFactory;
import dev.infbench.model.ModelCatalog;
import dev.infbench.model.ModelInputs;
import dev.infbench.model.ModelSpec;
import dev.infbench.model.TextInputs;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real profiles, folded as the report folds them: the operator tables add up. ONNX Runtime's node times over the
 * profiled calls are within 15% of those calls' own model_run time; libtorch's self times, which never count nested
 * time twice, stay within the profiled calls' span.
 */
class OperatorProfileTest {

    private static OperatorTable profile(String model, String backend, int warmup, int calls, Path dir)
            throws Exception {
        Map<Parameter, String> values = new EnumMap<>(Parameter.class);
        values.put(Parameter.MODEL, model);
        values.put(Parameter.BACKEND, backend);
        values.put(Parameter.SEQ, "32");
        CellConfig cell = CellConfig.of(values);
        ModelSpec spec = ModelCatalog.get(model);
        Backend b = Backends.get(backend);
        Path trace = dir.resolve(model + "-" + backend + ".json");
        OperatorProfile p = b.profile(cell, b.variantFor(cell, spec), InputFactory.make(spec,
                ModelInputs.plan(spec, 1, cell.seq(), cell.shape()), TextInputs.draw(1, TextInputs.SEED),
                TextInputs.SEED).batch(), warmup, calls, trace).orElseThrow();
        assertThat(p.calls()).isEqualTo(calls);
        assertThat(p.wallMs()).isPositive();
        return OperatorTable.of(ChromeTrace.read(trace), p.warmupCalls());
    }

    @ParameterizedTest
    @CsvSource({"minilm", "resnet50"})
    void onnxRuntimeOperatorsAddUpToTheProfiledRunsOwnTotal(String model, @TempDir Path dir) throws Exception {
        OperatorTable t = profile(model, "onnxruntime", 2, 4, dir);

        assertThat(t.kind()).isEqualTo(OperatorTable.ORT);
        assertThat(t.runs()).as("the warm-up runs are left out").isEqualTo(4);
        assertThat(t.coverage()).as("operators %s µs of model_run %s µs", t.totalUs(), t.referenceUs())
                .isBetween(0.85, 1.15);
        assertThat(t.rows().get(0).operator()).isIn("MatMul", "Conv", "FusedMatMul", "QLinearConv");
        assertThat(t.rows().get(0).providers()).isEqualTo("CPUExecutionProvider");
    }

    @ParameterizedTest
    @CsvSource({"resnet50"})
    void libtorchSelfTimesStayWithinTheProfiledCalls(String model, @TempDir Path dir) throws Exception {
        OperatorTable t = profile(model, "pytorch", 1, 2, dir);

        assertThat(t.kind()).isEqualTo(OperatorTable.LIBTORCH);
        assertThat(t.totalUs()).isPositive();
        assertThat(t.coverage()).as("self times never count nested time twice").isBetween(0.5, 1.0);
        assertThat(t.rows().get(0).operator()).contains("convolution");
    }
}
