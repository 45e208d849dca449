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
}
