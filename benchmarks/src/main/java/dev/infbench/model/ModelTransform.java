package dev.infbench.model;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;

/** A deterministic rewrite of an ONNX model into another variant. */
public interface ModelTransform {

    /** Identifies the transform and its settings; part of the cache key. */
    String id();

    /** One line for reports. */
    String description();

    OnnxMl.ModelProto apply(OnnxMl.ModelProto source);

    /**
     * Sets one weight matrix to zeros: a deliberately wrong model whose outputs the accuracy gate must reject
     * (its negative control).
     */
    static ModelTransform zeroWeight(String initializer, String why) {
        return new ModelTransform() {
            @Override
            public String id() {
                return "zero-weight:" + initializer;
            }

            @Override
            public String description() {
                return "negative control: " + why + " (initializer " + initializer + " set to zeros)";
            }

            @Override
            public OnnxMl.ModelProto apply(OnnxMl.ModelProto source) {
                OnnxMl.ModelProto.Builder m = source.toBuilder();
                OnnxMl.GraphProto.Builder g = m.getGraphBuilder();
                for (int i = 0; i < g.getInitializerCount(); i++) {
                    OnnxMl.TensorProto t = g.getInitializer(i);
                    if (t.getName().equals(initializer)) {
                        long n = 1;
                        for (long d : t.getDimsList()) {
                            n *= d;
                        }
                        int bytes = (int) n * (t.getDataType() == 10 ? 2 : 4);
                        g.setInitializer(i, t.toBuilder().clearFloatData().clearRawData()
                                .setRawData(ByteString.copyFrom(new byte[bytes])).build());
                        return m.build();
                    }
                }
                throw new IllegalStateException("the model has no initializer " + initializer);
            }
        };
    }

    /**
     * Every 4-D float input [N, C, H, W] becomes [N, H, W, C] followed by a Transpose back to NCHW, so the model
     * takes channels-last images; ONNX Runtime's optimizer may fold the transpose into its own layout choices.
     */
    static ModelTransform nhwcInputs() {
        return new ModelTransform() {
            @Override
            public String id() {
                return "nhwc-inputs";
            }

            @Override
            public String description() {
                return "4-D float inputs taken channels-last (NHWC) through a Transpose";
            }

            @Override
            public OnnxMl.ModelProto apply(OnnxMl.ModelProto source) {
                OnnxMl.ModelProto.Builder m = source.toBuilder();
                OnnxMl.GraphProto.Builder g = m.getGraphBuilder();
                java.util.Set<String> initializers = new java.util.HashSet<>();
                g.getInitializerList().forEach(t -> initializers.add(t.getName()));
                java.util.List<OnnxMl.NodeProto> transposes = new java.util.ArrayList<>();
                for (int i = 0; i < g.getInputCount(); i++) {
                    OnnxMl.ValueInfoProto in = g.getInput(i);
                    OnnxMl.TypeProto.Tensor t = in.getType().getTensorType();
                    int elem = t.getElemType();
                    boolean isFloat = elem == 1 || elem == 10 || elem == 16 || elem == 11;
                    if (initializers.contains(in.getName()) || !isFloat || t.getShape().getDimCount() != 4) {
                        continue;
                    }
                    String nchw = in.getName() + "_nchw";
                    for (int n = 0; n < g.getNodeCount(); n++) {
                        OnnxMl.NodeProto.Builder node = g.getNodeBuilder(n);
                        for (int k = 0; k < node.getInputCount(); k++) {
                            if (node.getInput(k).equals(in.getName())) {
                                node.setInput(k, nchw);
                            }
                        }
                    }
                    OnnxMl.TensorShapeProto shape = t.getShape();
                    OnnxMl.TensorShapeProto nhwc = OnnxMl.TensorShapeProto.newBuilder().addDim(shape.getDim(0))
                            .addDim(shape.getDim(2)).addDim(shape.getDim(3)).addDim(shape.getDim(1)).build();
                    g.setInput(i, in.toBuilder().setType(in.getType().toBuilder().setTensorType(
                            t.toBuilder().setShape(nhwc))));
                    transposes.add(OnnxMl.NodeProto.newBuilder().setOpType("Transpose").setName(nchw + "_transpose")
                            .addInput(in.getName()).addOutput(nchw).addAttribute(OnnxMl.AttributeProto.newBuilder()
                                    .setName("perm").setType(OnnxMl.AttributeProto.AttributeType.INTS)
                                    .addInts(0).addInts(3).addInts(1).addInts(2)).build());
                }
                if (transposes.isEmpty()) {
                    throw new IllegalStateException("the model has no 4-D float input to take channels-last");
                }
                java.util.List<OnnxMl.NodeProto> nodes = new java.util.ArrayList<>(transposes);
                nodes.addAll(g.getNodeList());
                g.clearNode().addAllNode(nodes);
                return m.build();
            }
        };
    }

    /** The fp16 variant of the model: see {@link Float16Conversion}. */
    static ModelTransform toFloat16() {
        return new ModelTransform() {
            @Override
            public String id() {
                return "fp16 v3 bn-folded kept-fp32=" + new java.util.TreeSet<>(Float16Conversion.KEPT_FP32);
            }

            @Override
            public String description() {
                return "fp16 conversion: BatchNorms folded into their convolutions, float16 weights and compute, float32"
                        + " inputs and outputs; kept in fp32: "
                        + String.join(", ", new java.util.TreeSet<>(Float16Conversion.KEPT_FP32));
            }

            @Override
            public OnnxMl.ModelProto apply(OnnxMl.ModelProto source) {
                return Float16Conversion.convert(source);
            }
        };
    }
}
