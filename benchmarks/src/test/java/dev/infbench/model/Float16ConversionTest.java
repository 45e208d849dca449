package dev.infbench.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl;
import dev.infbench.backend.BackendSession;
import dev.infbench.backend.Backends;
import dev.infbench.config.CellConfig;
import dev.infbench.config.Parameter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class Float16ConversionTest {

    private static Set<String> ops(OnnxMl.ModelProto m) {
        return m.getGraph().getNodeList().stream().map(OnnxMl.NodeProto::getOpType).collect(Collectors.toSet());
    }

    @Test
    void aCnnGetsItsBatchNormsFoldedAndFp16WeightsBehindFp32Inputs() throws Exception {
        ModelSpec cnn = ModelCatalog.get("smallcnn");
        OnnxMl.ModelProto fp32 = OnnxMl.ModelProto.parseFrom(cnn.reference().load());
        OnnxMl.ModelProto fp16 = OnnxMl.ModelProto.parseFrom(cnn.variant("fp16").orElseThrow().load());

        assertThat(ops(fp32)).contains("BatchNormalization");
        assertThat(ops(fp16)).doesNotContain("BatchNormalization").contains("Cast");
        assertThat(fp16.getGraph().getInitializerList()).allSatisfy(t -> assertThat(t.getDataType()).isEqualTo(10));
        assertThat(fp16.getGraph().getInput(0).getType().getTensorType().getElemType()).isEqualTo(1);
        assertThat(fp16.getGraph().getOutput(0).getType().getTensorType().getElemType()).isEqualTo(1);

        // Folding alone (in fp32) computes the same function.
        OnnxMl.ModelProto folded = BatchNormFolding.fold(fp32);
        assertThat(ops(folded)).doesNotContain("BatchNormalization");
        double[][] a = run(cnn, cnn.reference(), "fp32");
        double[][] b = run(cnn, ModelVariant.ofFile("smallcnn", "fp32", write(folded), "folded"), "fp32");
        double[][] h = run(cnn, cnn.variant("fp16").orElseThrow(), "fp16");
        for (int s = 0; s < a.length; s++) {
            assertThat(cosine(a[s], b[s])).isGreaterThan(0.999999);
            assertThat(cosine(a[s], h[s])).isGreaterThan(0.999);
        }
    }

    @Test
    void miniLmKeepsItsNormalizationReductionsInFp32() throws Exception {
        OnnxMl.ModelProto fp16 = OnnxMl.ModelProto.parseFrom(ModelCatalog.get("minilm").variant("fp16").orElseThrow()
                .load());

        // Every ReduceMean, Pow and Sqrt reads a tensor cast to float32 (to = 1) right before it.
        Map<String, OnnxMl.NodeProto> producers = new java.util.HashMap<>();
        fp16.getGraph().getNodeList().forEach(n -> n.getOutputList().forEach(o -> producers.put(o, n)));
        List<OnnxMl.NodeProto> kept = fp16.getGraph().getNodeList().stream()
                .filter(n -> Set.of("ReduceMean", "Pow", "Sqrt").contains(n.getOpType())).toList();
        assertThat(kept).isNotEmpty();
        for (OnnxMl.NodeProto n : kept) {
            OnnxMl.NodeProto before = producers.get(n.getInput(0));
            assertThat(before.getOpType()).as(n.getName()).isEqualTo("Cast");
            assertThat(before.getAttribute(0).getI()).as(n.getName()).isEqualTo(1);
        }
    }

    private static java.nio.file.Path write(OnnxMl.ModelProto m) throws Exception {
        java.nio.file.Path f = java.nio.file.Files.createTempFile("folded", ".onnx");
        f.toFile().deleteOnExit();
        java.nio.file.Files.write(f, m.toByteArray());
        return f;
    }

    private static double[][] run(ModelSpec spec, ModelVariant variant, String precision) throws Exception {
        Map<Parameter, String> m = new EnumMap<>(Parameter.class);
        m.put(Parameter.MODEL, "smallcnn");
        m.put(Parameter.PRECISION, precision);
        m.put(Parameter.BATCH, "4");
        CellConfig cell = CellConfig.of(m);
        List<InputSpec> specs = ModelInputs.plan(spec, 4, 128, "none");
        try (BackendSession s = Backends.get("onnxruntime").open(cell, variant)) {
            s.bind(InputFactory.make(spec, specs, null, 5).batch());
            HostTensor out = s.outputs().get(0);
            int per = (int) (out.count() / 4);
            double[][] rows = new double[4][per];
            for (int r = 0; r < 4; r++) {
                for (int i = 0; i < per; i++) {
                    rows[r][i] = out.get((long) r * per + i);
                }
            }
            return rows;
        }
    }

    private static double cosine(double[] a, double[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
