package dev.infbench.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnnxGraphsTest {

    private static OnnxMl.ValueInfoProto value(String name) {
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).build();
    }

    @Test
    void aDroppedWeightThatWasAlsoListedAsAGraphInputLeavesTheInputsToo() {
        // As older exporters write it: the weight is an initializer and a graph input.
        OnnxMl.TensorProto oldWeight = OnnxMl.TensorProto.newBuilder().setName("w").build();
        OnnxMl.TensorProto newWeight = OnnxMl.TensorProto.newBuilder().setName("w_int8").build();
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder()
                .addInput(value("x")).addInput(value("w")).addOutput(value("y"))
                .addNode(OnnxMl.NodeProto.newBuilder().setOpType("MatMul").addInput("x").addInput("w_int8")
                        .addOutput("y"));

        OnnxGraphs.keepReadInitializers(g, List.of(oldWeight, newWeight));

        assertThat(g.getInitializerList()).extracting(OnnxMl.TensorProto::getName).containsExactly("w_int8");
        assertThat(g.getInputList()).extracting(OnnxMl.ValueInfoProto::getName).containsExactly("x");
    }
}
