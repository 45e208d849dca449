package dev.infbench.harness.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infbench.format.ChromeTrace;
import dev.infbench.format.FormatException;
import dev.infbench.format.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Traces folded into operator tables: which events count, and nested events counted once. */
class OperatorTableTest {

    private static List<ChromeTrace.Event> events(String json) throws Exception {
        return ChromeTrace.events(Json.MAPPER.readTree(json.replace('\'', '"')), "test");
    }

    @Test
    void onnxRuntimeSumsNodeTimesOfTheProfiledRunsOnlyWithTheirProviders() throws Exception {
        // A warm-up run (0-100) whose Conv took 90, then two profiled runs of 50 whose Conv and Relu took 40 + 8.
        List<ChromeTrace.Event> e = events("""
                [{'cat':'Session','name':'model_run','ph':'X','ts':0,'dur':100},
                 {'cat':'Node','name':'c_kernel_time','ph':'X','ts':1,'dur':90,'args':{'op_name':'Conv','provider':'CPUExecutionProvider'}},
                 {'cat':'Session','name':'model_run','ph':'X','ts':200,'dur':50},
                 {'cat':'Node','name':'c_kernel_time','ph':'X','ts':201,'dur':40,'args':{'op_name':'Conv','provider':'CPUExecutionProvider'}},
                 {'cat':'Node','name':'r_kernel_time','ph':'X','ts':242,'dur':8,'args':{'op_name':'Relu','provider':'CPUExecutionProvider'}},
                 {'cat':'Session','name':'model_run','ph':'X','ts':300,'dur':50},
                 {'cat':'Node','name':'c_kernel_time','ph':'X','ts':301,'dur':40,'args':{'op_name':'Conv','provider':'CUDAExecutionProvider'}},
                 {'cat':'Node','name':'r_fence_before','ph':'X','ts':341,'dur':1,'args':{'op_name':'Relu'}},
                 {'cat':'Node','name':'r_kernel_time','ph':'X','ts':342,'dur':8,'args':{'op_name':'Relu','provider':'CPUExecutionProvider'}},
                 {'cat':'Node','name':'instant','ph':'i','ts':345}]""");

        OperatorTable t = OperatorTable.of(e, 1);

        assertThat(t.kind()).isEqualTo(OperatorTable.ORT);
        assertThat(t.runs()).isEqualTo(2);
        assertThat(t.referenceUs()).isEqualTo(100);
        assertThat(t.totalUs()).isEqualTo(96);
        assertThat(t.coverage()).isEqualTo(0.96);
        assertThat(t.rows()).containsExactly(
                new OperatorTable.Row("Conv", "CPUExecutionProvider, CUDAExecutionProvider", 2, 80),
                new OperatorTable.Row("Relu", "CPUExecutionProvider", 2, 16));
    }

    @Test
    void libtorchCountsSelfTimeSoThatNestedEventsAreCountedOnce() throws Exception {
        // conv2d (0-100) holds convolution (5-95), which holds mkldnn_convolution (10-90); then relu (100-120).
        List<ChromeTrace.Event> e = events("""
                [{'name':'aten::conv2d','ph':'X','ts':0,'dur':100,'tid':1,'pid':'CPU'},
                 {'name':'aten::convolution','ph':'X','ts':5,'dur':90,'tid':1,'pid':'CPU'},
                 {'name':'aten::mkldnn_convolution','ph':'X','ts':10,'dur':80,'tid':1,'pid':'CPU'},
                 {'name':'aten::relu','ph':'X','ts':100,'dur':20,'tid':1,'pid':'CPU'},
                 {'name':'aten::add','ph':'X','ts':0,'dur':30,'tid':2,'pid':'CPU'}]""");

        OperatorTable t = OperatorTable.of(e, 0);

        assertThat(t.kind()).isEqualTo(OperatorTable.LIBTORCH);
        assertThat(t.rows()).containsExactly(
                new OperatorTable.Row("aten::mkldnn_convolution", "", 1, 80),
                new OperatorTable.Row("aten::add", "", 1, 30),
                new OperatorTable.Row("aten::relu", "", 1, 20),
                new OperatorTable.Row("aten::conv2d", "", 1, 10),
                new OperatorTable.Row("aten::convolution", "", 1, 10));
        // Self times add up to the time inside top-level operators (120 on thread 1, 30 on thread 2), not 250.
        assertThat(t.totalUs()).isEqualTo(150);
        assertThat(t.referenceUs()).isEqualTo(120);
    }

    @Test
    void aFileThatIsNotATraceIsRefusedInOneLine(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("t.json"), "{\"not\": \"a trace\"}");
        assertThatThrownBy(() -> ChromeTrace.read(bad)).isInstanceOf(FormatException.class)
                .hasMessageContaining("not a Chrome trace");
        Path broken = Files.writeString(dir.resolve("u.json"), "[{\"ph\": \"X\", ");
        assertThatThrownBy(() -> ChromeTrace.read(broken)).isInstanceOf(FormatException.class)
                .hasMessageContaining("not a readable trace");
        Path wrapped = Files.writeString(dir.resolve("w.json"),
                "{\"traceEvents\": [{\"name\":\"a\",\"ph\":\"X\",\"ts\":1,\"dur\":2}]}");
        assertThat(ChromeTrace.read(wrapped)).hasSize(1);
    }

    @Test
    void profileFilesFromElsewhereGetALineEachNeverACrash(@TempDir Path dir) throws Exception {
        Path profiles = Files.createDirectories(dir.resolve(dev.infbench.format.RunLayout.PROFILES));
        List<dev.infbench.harness.metrics.Cell> cells = new java.util.ArrayList<>();
        String trace = "[{'cat':'Session','name':'model_run','ph':'X','ts':0,'dur':100},"
                + "{'cat':'Node','name':'c_kernel_time','ph':'X','ts':1,'dur':90,'args':{'op_name':'Conv'}}]";
        String[] metas = {
            "{'profile': {'profiler': 'p', 'sums': 's', 'warmup_calls': -3, 'calls': 5, 'wall_ms': 1}}",
            "{'index': 2}",
            "{'error': 'the backend crashed'}",
            "{'profile': {'profiler': 'p', 'sums': 's', 'warmup_calls': 3, 'calls': 5, 'wall_ms': 1}}",
            "[1, 2]",
        };
        for (int i = 0; i < metas.length; i++) {
            int index = i + 1;
            cells.add(dev.infbench.harness.TestCells.measured(index, dev.infbench.harness.TestCells.params("model",
                    "m" + index), dev.infbench.harness.TestCells.rounds(10, new double[] {5})));
            Files.writeString(dev.infbench.format.RunLayout.profileMeta(dir, index), metas[i].replace('\'', '"'));
            Files.writeString(dev.infbench.format.RunLayout.profileTrace(dir, index), trace.replace('\'', '"'));
        }
        List<String> problems = new java.util.ArrayList<>();

        assertThat(OperatorSections.read(cells, dir, problems)).isEmpty();

        assertThat(problems).hasSize(5);
        assertThat(problems.get(0)).contains("profile not readable").contains("non-negative warmup_calls");
        assertThat(problems.get(1)).contains("holds neither a profile nor an error");
        assertThat(problems.get(2)).contains("not profiled: the backend crashed");
        // One model_run, and it is a warm-up call: no profiled run is left to fold.
        assertThat(problems.get(3)).contains("no model_run after the 3 warm-up calls");
        assertThat(problems.get(4)).contains("profile not readable");
        assertThat(profiles).isDirectory();
    }
}
