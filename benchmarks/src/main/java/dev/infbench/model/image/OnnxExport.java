package dev.infbench.model.image;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

/**
 * Writes an {@link Architecture} with its {@link Weights} as an ONNX graph (opset 17, IR 8): input
 * {@code pixel_values} float32 [batch, C, H, W] (batch dynamic), output {@code logits} [batch, classes].
 * Initializers carry the weights' own names, so a model file can be read back into the same {@link Weights}.
 */
public final class OnnxExport {
    public static final String INPUT = "pixel_values";
    public static final String OUTPUT = "logits";
    private static final int FLOAT = OnnxMl.TensorProto.DataType.FLOAT_VALUE;

    private OnnxExport() {
    }

    public static OnnxMl.ModelProto export(Architecture arch, Weights weights) {
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().setName(arch.name());
        g.addInput(value(INPUT, "batch", arch.channels(), arch.height(), arch.width()));
        for (Map.Entry<String, Weights.Tensor> w : weights.tensors().entrySet()) {
            g.addInitializer(tensor(w.getKey(), w.getValue().shape(), w.getValue().data()));
        }
        Emitter e = new Emitter(g);
        String out = e.layers(arch.layers(), INPUT);
        if (e.clips) {
            // Clip's bounds (ReLU6), only when used: ONNX Runtime warns about unused initializers.
            g.addInitializer(tensor("const.zero", new long[0], new float[] {0f}));
            g.addInitializer(tensor("const.six", new long[0], new float[] {6f}));
        }
        g.addNode(node("Identity", List.of(out), OUTPUT));
        g.addOutput(value(OUTPUT, "batch"));
        return OnnxMl.ModelProto.newBuilder()
                .setIrVersion(8)
                .setProducerName("infbench")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .setGraph(g)
                .build();
    }

    /** Names node outputs {@code t0, t1...} as it emits the layers. */
    private static final class Emitter {
        private final OnnxMl.GraphProto.Builder g;
        private int next;
        private boolean clips;

        Emitter(OnnxMl.GraphProto.Builder g) {
            this.g = g;
        }

        String layers(List<Layer> layers, String in) {
            String x = in;
            for (Layer layer : layers) {
                x = layer(layer, x);
            }
            return x;
        }

        private String fresh() {
            return "t" + next++;
        }

        private String layer(Layer layer, String x) {
            String y = fresh();
            if (layer instanceof Layer.Conv c) {
                List<String> inputs = c.bias() ? List.of(x, c.name() + ".weight", c.name() + ".bias")
                        : List.of(x, c.name() + ".weight");
                g.addNode(node("Conv", inputs, y)
                        .addAttribute(ints("kernel_shape", c.kernel(), c.kernel()))
                        .addAttribute(ints("strides", c.stride(), c.stride()))
                        .addAttribute(ints("pads", c.pad(), c.pad(), c.pad(), c.pad()))
                        .addAttribute(ints("dilations", 1, 1))
                        .addAttribute(integer("group", c.groups())));
            } else if (layer instanceof Layer.BatchNorm bn) {
                g.addNode(node("BatchNormalization", List.of(x, bn.name() + ".weight", bn.name() + ".bias",
                        bn.name() + ".mean", bn.name() + ".var"), y)
                        .addAttribute(OnnxMl.AttributeProto.newBuilder().setName("epsilon")
                                .setType(OnnxMl.AttributeProto.AttributeType.FLOAT).setF(Layer.BatchNorm.EPSILON)));
            } else if (layer instanceof Layer.Relu) {
                g.addNode(node("Relu", List.of(x), y));
            } else if (layer instanceof Layer.Relu6) {
                clips = true;
                g.addNode(node("Clip", List.of(x, "const.zero", "const.six"), y));
            } else if (layer instanceof Layer.Residual r) {
                String branch = layers(r.branch(), x);
                String shortcut = r.shortcut().isEmpty() ? x : layers(r.shortcut(), x);
                g.addNode(node("Add", List.of(branch, shortcut), y));
            } else if (layer instanceof Layer.MaxPool p) {
                g.addNode(node("MaxPool", List.of(x), y)
                        .addAttribute(ints("kernel_shape", p.kernel(), p.kernel()))
                        .addAttribute(ints("strides", p.stride(), p.stride()))
                        .addAttribute(ints("pads", p.pad(), p.pad(), p.pad(), p.pad())));
            } else if (layer instanceof Layer.GlobalAvgPool) {
                String pooled = fresh();
                g.addNode(node("GlobalAveragePool", List.of(x), pooled));
                g.addNode(node("Flatten", List.of(pooled), y).addAttribute(integer("axis", 1)));
            } else if (layer instanceof Layer.Dense d) {
                g.addNode(node("Gemm", List.of(x, d.name() + ".weight", d.name() + ".bias"), y)
                        .addAttribute(integer("transB", 1)));
            } else {
                throw new IllegalStateException("no ONNX form for " + layer);
            }
            return y;
        }
    }

    private static OnnxMl.NodeProto.Builder node(String op, List<String> inputs, String output) {
        return OnnxMl.NodeProto.newBuilder().setOpType(op).setName(output + "_" + op).addAllInput(inputs)
                .addOutput(output);
    }

    private static OnnxMl.AttributeProto ints(String name, long... values) {
        OnnxMl.AttributeProto.Builder a = OnnxMl.AttributeProto.newBuilder().setName(name)
                .setType(OnnxMl.AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    private static OnnxMl.AttributeProto integer(String name, long value) {
        return OnnxMl.AttributeProto.newBuilder().setName(name).setType(OnnxMl.AttributeProto.AttributeType.INT)
                .setI(value).build();
    }

    static OnnxMl.TensorProto tensor(String name, long[] shape, float[] data) {
        ByteBuffer bytes = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(data);
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(name).setDataType(FLOAT)
                .setRawData(ByteString.copyFrom(bytes.array()));
        for (long d : shape) {
            t.addDims(d);
        }
        return t.build();
    }

    /** A float32 value whose first dimension is named {@code batch} and the others fixed (none: rank 2, dynamic). */
    private static OnnxMl.ValueInfoProto value(String name, String batch, long... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder()
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam(batch));
        if (dims.length == 0) {
            shape.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("classes"));
        }
        for (long d : dims) {
            shape.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(OnnxMl.TypeProto.newBuilder()
                .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder().setElemType(FLOAT).setShape(shape))).build();
    }

    /** The weights a graph written by {@link #export} carries, by name (without the two constants). */
    public static Weights weightsOf(OnnxMl.ModelProto model) {
        Weights w = Weights.empty();
        for (OnnxMl.TensorProto t : model.getGraph().getInitializerList()) {
            if (t.getName().startsWith("const.") || t.getDataType() != FLOAT) {
                continue;
            }
            float[] data;
            if (!t.getRawData().isEmpty()) {
                ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                data = new float[b.remaining() / 4];
                b.asFloatBuffer().get(data);
            } else {
                data = new float[t.getFloatDataCount()];
                for (int i = 0; i < data.length; i++) {
                    data[i] = t.getFloatData(i);
                }
            }
            w.put(t.getName(), t.getDimsList().stream().mapToLong(Long::longValue).toArray(), data);
        }
        return w;
    }
}
