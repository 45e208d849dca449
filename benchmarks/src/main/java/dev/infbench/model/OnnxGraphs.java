package dev.infbench.model;

import ai.onnx.proto.OnnxMl;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Housekeeping shared by the graph rewrites that make model variants. */
public final class OnnxGraphs {
    private OnnxGraphs() {
    }

    /**
     * Sets the graph's initializers to those of {@code candidates} that a node or a graph output reads, and drops
     * the graph inputs that named a dropped initializer (older exporters list every weight as a graph input too;
     * left behind without its initializer, such an input would become one the caller must feed).
     */
    public static void keepReadInitializers(OnnxMl.GraphProto.Builder g, Collection<OnnxMl.TensorProto> candidates) {
        Set<String> read = new HashSet<>();
        g.getNodeList().forEach(n -> read.addAll(n.getInputList()));
        g.getOutputList().forEach(o -> read.add(o.getName()));
        Set<String> dropped = new HashSet<>();
        g.clearInitializer();
        for (OnnxMl.TensorProto t : candidates) {
            if (read.contains(t.getName())) {
                g.addInitializer(t);
            } else {
                dropped.add(t.getName());
            }
        }
        List<OnnxMl.ValueInfoProto> inputs = g.getInputList().stream().filter(i -> !dropped.contains(i.getName()))
                .toList();
        g.clearInput().addAllInput(inputs);
    }
}
