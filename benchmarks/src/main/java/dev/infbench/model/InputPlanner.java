package dev.infbench.model;

import dev.infbench.config.ShapeSpec;
import dev.infbench.model.InputSpec.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides the concrete shape and the kind of values of every model input for one cell, from the graph:
 * the first dimension is the batch, dynamic dimensions of integer inputs (and dimensions named like a sequence)
 * take {@code seq}, and {@code shape} fills or overrides the dimensions after the batch of any input.
 */
public final class InputPlanner {
    /** Dynamic dimensions named like these are sequence lengths. */
    private static final Pattern SEQUENCE_DIM = Pattern.compile("(?i).*(seq|sequence|length|len|token|time).*");

    private InputPlanner() {
    }

    public static List<InputSpec> plan(OnnxGraphInfo graph, int batch, int seq, ShapeSpec shapes)
            throws InputPlanException {
        for (String name : shapes.names()) {
            if (graph.inputs().stream().noneMatch(v -> v.name().equals(name))) {
                throw new InputPlanException("-p shape names input '" + name + "', which the model does not have;"
                        + " its inputs: " + String.join(", ", graph.inputs().stream().map(OnnxGraphInfo.Value::describe)
                        .toList()), false);
            }
        }
        List<InputSpec> specs = new ArrayList<>();
        for (OnnxGraphInfo.Value in : graph.inputs()) {
            specs.add(planOne(graph, in, batch, seq, shapes.dimsAfterBatch(in.name())));
        }
        return specs;
    }

    private static InputSpec planOne(OnnxGraphInfo graph, OnnxGraphInfo.Value in, int batch, int seq, long[] given)
            throws InputPlanException {
        Optional<DType> dtype = in.dtype();
        if (dtype.isEmpty()) {
            throw new InputPlanException("input '" + in.name() + "' is of type " + DType.onnxName(in.elemType())
                    + ", which the suite cannot fill (it fills float32/16/64, int64/32/8, uint8 and bool inputs)",
                    false);
        }
        Role role = role(in.name(), dtype.get());
        if (in.dims() == null) {
            if (given == null) {
                throw new InputPlanException("input '" + in.name() + "' declares no shape: give its dimensions after"
                        + " the batch with -p shape=" + in.name() + ":DxD...", false);
            }
            return spec(graph, in, dtype.get(), role, withBatch(batch, given));
        }
        List<OnnxGraphInfo.Dim> dims = in.dims();
        if (dims.isEmpty()) {
            return spec(graph, in, dtype.get(), role, new long[0]);
        }
        long[] shape = new long[dims.size()];
        OnnxGraphInfo.Dim first = dims.get(0);
        if (first.fixed() && first.value() != batch) {
            throw new InputPlanException("input '" + in.name() + "' has a fixed first dimension of " + first.value()
                    + ", so batch=" + batch + " cannot run", true);
        }
        shape[0] = batch;
        if (given != null) {
            if (given.length != dims.size() - 1) {
                throw new InputPlanException("-p shape=" + in.name() + ":...: input '" + in.name() + "' is "
                        + in.describe() + ", so shape needs " + (dims.size() - 1) + " dimensions after the batch (got "
                        + given.length + ")", false);
            }
            for (int i = 1; i < dims.size(); i++) {
                OnnxGraphInfo.Dim d = dims.get(i);
                if (d.fixed() && d.value() != given[i - 1]) {
                    throw new InputPlanException("-p shape=" + in.name() + ":...: dimension " + i + " of '"
                            + in.name() + "' is fixed at " + d.value() + " in the model, not " + given[i - 1], false);
                }
                shape[i] = given[i - 1];
            }
            return spec(graph, in, dtype.get(), role, shape);
        }
        for (int i = 1; i < dims.size(); i++) {
            OnnxGraphInfo.Dim d = dims.get(i);
            if (d.fixed()) {
                shape[i] = d.value();
            } else if (!dtype.get().isFloat() || role == Role.ATTENTION_MASK
                    || (d.param() != null && SEQUENCE_DIM.matcher(d.param()).matches())) {
                shape[i] = seq;
            } else {
                throw new InputPlanException("input '" + in.name() + "' (" + in.describe() + ") has dynamic dimension "
                        + i + (d.param() != null ? " '" + d.param() + "'" : "") + ": give its dimensions after the batch"
                        + " with -p shape=" + in.name() + ":" + suggestion(dims), false);
            }
        }
        return spec(graph, in, dtype.get(), role, shape);
    }

    private static InputSpec spec(OnnxGraphInfo graph, OnnxGraphInfo.Value in, DType dtype, Role role, long[] shape) {
        Long vocab = role == Role.TOKEN_IDS || role == Role.TOKEN_TYPE_IDS
                ? graph.vocabulary(in.name()).orElse(null) : null;
        return new InputSpec(in.name(), dtype, shape, role, vocab);
    }

    private static long[] withBatch(int batch, long[] after) {
        long[] s = new long[after.length + 1];
        s[0] = batch;
        System.arraycopy(after, 0, s, 1, after.length);
        return s;
    }

    /** e.g. {@code 3xHEIGHTxWIDTH} for [batch, 3, height, width]: fixed values kept, dynamic ones named. */
    private static String suggestion(List<OnnxGraphInfo.Dim> dims) {
        List<String> parts = new ArrayList<>();
        for (int i = 1; i < dims.size(); i++) {
            OnnxGraphInfo.Dim d = dims.get(i);
            parts.add(d.fixed() ? Long.toString(d.value())
                    : d.param() != null && !d.param().isEmpty() ? d.param().toUpperCase(Locale.ROOT) : "D" + i);
        }
        return String.join("x", parts);
    }

    /** What the values of an input mean, from its name and type. */
    static Role role(String name, DType dtype) {
        String n = name.toLowerCase(Locale.ROOT);
        if (dtype == DType.BOOL) {
            return n.contains("mask") ? Role.ATTENTION_MASK : Role.BOOL;
        }
        if (n.contains("mask")) {
            return Role.ATTENTION_MASK;
        }
        if (dtype.isInteger()) {
            if (n.contains("token_type") || n.contains("segment")) {
                return Role.TOKEN_TYPE_IDS;
            }
            if (n.contains("position")) {
                return Role.POSITION_IDS;
            }
            if (n.contains("input_ids") || n.equals("ids") || n.contains("token")) {
                return Role.TOKEN_IDS;
            }
            return Role.INTEGER;
        }
        return Role.FLOAT;
    }

}
