package dev.infbench.model;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the suite needs to know of an ONNX graph, read in pure Java from its protobuf (no native code, so the launcher
 * can read a model it must not load): inputs and outputs with their element types and dimensions, and the size of
 * the embedding table that each integer input indexes, when there is one.
 */
public final class OnnxGraphInfo {

    /** One dimension: a fixed value, a named dynamic one ({@code batch}, {@code height}), or an unnamed dynamic one. */
    public record Dim(long value, String param) {
        public boolean fixed() {
            return value > 0;
        }

        @Override
        public String toString() {
            return fixed() ? Long.toString(value) : param != null && !param.isEmpty() ? param : "?";
        }
    }

    /** A graph input or output. {@code dims} is null when the model declares no shape. */
    public record Value(String name, int elemType, List<Dim> dims) {
        public Optional<DType> dtype() {
            return DType.fromOnnx(elemType);
        }

        public String describe() {
            return name + " " + DType.onnxName(elemType) + (dims == null ? "[shape not declared]" : dims.toString());
        }
    }

    private final List<Value> inputs;
    private final List<Value> outputs;
    private final Map<String, Long> vocab;
    private final long opset;

    private OnnxGraphInfo(List<Value> inputs, List<Value> outputs, Map<String, Long> vocab, long opset) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.vocab = vocab;
        this.opset = opset;
    }

    /** Parses a model file's bytes; a file that is not an ONNX model gives one line saying so. */
    public static OnnxGraphInfo parse(String what, byte[] bytes) {
        return of(parseModel(what, bytes));
    }

    /** A model file's protobuf; a file that is not an ONNX model gives one line saying so. */
    public static OnnxMl.ModelProto parseModel(String what, byte[] bytes) {
        OnnxMl.ModelProto model;
        try {
            model = OnnxMl.ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(what + " is not an ONNX model (" + e.getMessage() + ")"
                    + (bytes.length < 200 && new String(bytes, java.nio.charset.StandardCharsets.US_ASCII)
                    .startsWith("version https://git-lfs") ? "; it is a Git LFS pointer, not the model" : ""));
        }
        if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
            throw new IllegalArgumentException(what + " is not an ONNX model (no graph)");
        }
        return model;
    }

    public static OnnxGraphInfo of(OnnxMl.ModelProto model) {
        OnnxMl.GraphProto g = model.getGraph();
        Map<String, OnnxMl.TensorProto> initializers = new HashMap<>();
        g.getInitializerList().forEach(t -> initializers.put(t.getName(), t));
        List<Value> inputs = new ArrayList<>();
        for (OnnxMl.ValueInfoProto v : g.getInputList()) {
            // IR < 4 lists initializers among the inputs; they are weights, not inputs to fill.
            if (!initializers.containsKey(v.getName())) {
                inputs.add(value(v));
            }
        }
        List<Value> outputs = g.getOutputList().stream().map(OnnxGraphInfo::value).toList();
        Set<String> inputNames = new HashSet<>();
        inputs.forEach(v -> inputNames.add(v.name()));
        // An integer input that indexes an embedding table (Gather(table, ids)) has the table's rows as vocabulary.
        Map<String, Long> vocab = new HashMap<>();
        for (OnnxMl.NodeProto n : g.getNodeList()) {
            if (n.getOpType().equals("Gather") && n.getInputCount() == 2 && inputNames.contains(n.getInput(1))) {
                OnnxMl.TensorProto table = initializers.get(n.getInput(0));
                if (table != null && table.getDimsCount() == 2) {
                    vocab.merge(n.getInput(1), table.getDims(0), Math::min);
                }
            }
        }
        long opset = model.getOpsetImportList().stream().filter(o -> o.getDomain().isEmpty())
                .mapToLong(OnnxMl.OperatorSetIdProto::getVersion).findFirst().orElse(0);
        return new OnnxGraphInfo(List.copyOf(inputs), outputs, Map.copyOf(vocab), opset);
    }

    private static Value value(OnnxMl.ValueInfoProto v) {
        if (!v.hasType() || !v.getType().hasTensorType()) {
            return new Value(v.getName(), 0, null);
        }
        OnnxMl.TypeProto.Tensor t = v.getType().getTensorType();
        if (!t.hasShape()) {
            return new Value(v.getName(), t.getElemType(), null);
        }
        List<Dim> dims = new ArrayList<>();
        for (OnnxMl.TensorShapeProto.Dimension d : t.getShape().getDimList()) {
            dims.add(d.hasDimValue() && d.getDimValue() > 0 ? new Dim(d.getDimValue(), null)
                    : new Dim(0, d.hasDimParam() ? d.getDimParam() : null));
        }
        return new Value(v.getName(), t.getElemType(), List.copyOf(dims));
    }

    public List<Value> inputs() {
        return inputs;
    }

    public List<Value> outputs() {
        return outputs;
    }

    /** Rows of the embedding table the input indexes, when the graph shows one. */
    public Optional<Long> vocabulary(String input) {
        return Optional.ofNullable(vocab.get(input));
    }

    public long opset() {
        return opset;
    }
}
