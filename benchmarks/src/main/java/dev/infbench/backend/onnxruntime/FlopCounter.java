package dev.infbench.backend.onnxruntime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import dev.infbench.backend.FlopCount;
import dev.infbench.format.ChromeTrace;
import dev.infbench.format.Json;
import dev.infbench.model.InputBatch;
import dev.infbench.model.ModelBytes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Floating-point operations of one call, counted from the operator shapes of a profiled run: the model runs once on
 * ONNX Runtime at optimization level NO_OPT (so every node of the graph as written shows up, unfused) with
 * profiling on, and each Conv, Gemm and MatMul node (attention products are MatMuls) is counted from the input and
 * output shapes the profile records, a multiply-add being 2 operations:
 * <ul>
 *   <li>MatMul: 2 × |output| × K, K the last dimension of the first input;</li>
 *   <li>Gemm: 2 × |output| × K, K = |A| / M with M the output's rows;</li>
 *   <li>Conv: 2 × |output| × |weight| / output channels (input channels per group × kernel size).</li>
 * </ul>
 * Other operators (normalization, activations, softmax, adds) are left out: they are a few percent of a
 * transformer's or CNN's work and no vendor quotes them. The count is the model's, for the shapes of the call: every
 * precision variant and backend of the same model does the same arithmetic.
 */
public final class FlopCounter {
    /** What the count covers, for reports. */
    static final String HOW = "fp32 reference graph profiled by ONNX Runtime at NO_OPT: Conv, Gemm and MatMul nodes"
            + " from their shapes, multiply-add = 2";

    private FlopCounter() {
    }

    /** Counts the operations of one call of {@code model} on {@code inputs}. Slow (a session and a call): setup only. */
    public static FlopCount count(ModelBytes model, InputBatch inputs) throws Exception {
        Path dir = Files.createTempDirectory("infbench-flops");
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (SessionOptions so = new SessionOptions()) {
            so.setOptimizationLevel(OptLevel.NO_OPT);
            so.setIntraOpNumThreads(1);
            so.enableProfiling(dir.resolve("profile").toString());
            try (OrtSession session = OrtSessions.create(env, model, so)) {
                try (OrtFeed feed = OrtFeed.of(env, session, inputs, "count operations");
                     OrtSession.Result ignored = session.run(feed.tensors())) {
                    // the profile is what is wanted
                }
                Path profile = Path.of(session.endProfiling());
                return fromProfile(Json.MAPPER.readTree(profile.toFile()));
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            } catch (IOException ignored) {
                // a temp file left behind is harmless
            }
            Files.deleteIfExists(dir);
        }
    }

    /** The count from an ONNX Runtime profile (a Chrome trace with {@code Node} events: {@link ChromeTrace}). */
    static FlopCount fromProfile(JsonNode trace) {
        Map<String, Long> byOp = new LinkedHashMap<>();
        long total = 0;
        int nodes = 0;
        for (ChromeTrace.Event e : ChromeTrace.events(trace, "ONNX Runtime profile")) {
            if (!"Node".equals(e.cat()) || !e.name().endsWith("_kernel_time")) {
                continue;
            }
            String op = e.arg("op_name");
            List<long[]> in = shapes(e.args().path("input_type_shape"));
            List<long[]> out = shapes(e.args().path("output_type_shape"));
            long flops = flops(op, in, out);
            if (flops > 0) {
                byOp.merge(op, flops, Long::sum);
                total += flops;
                nodes++;
            }
        }
        return new FlopCount(total, byOp, nodes, HOW);
    }

    static long flops(String op, List<long[]> in, List<long[]> out) {
        if (out.isEmpty() || in.isEmpty()) {
            return 0;
        }
        long outputs = count(out.get(0));
        switch (op) {
            case "MatMul", "MatMulInteger", "FusedMatMul" -> {
                long[] a = in.get(0);
                return a.length == 0 ? 0 : 2 * outputs * a[a.length - 1];
            }
            case "Gemm" -> {
                long[] o = out.get(0);
                long m = o.length == 2 ? o[0] : 1;
                return m == 0 ? 0 : 2 * outputs * (count(in.get(0)) / m);
            }
            case "Conv", "ConvInteger" -> {
                if (in.size() < 2 || in.get(1).length < 2 || in.get(1)[0] == 0) {
                    return 0;
                }
                long[] w = in.get(1);
                return 2 * outputs * (count(w) / w[0]);
            }
            default -> {
                return 0;
            }
        }
    }

    /** {@code [{"float":[1,128,384]}, ...]} as shapes. */
    private static List<long[]> shapes(JsonNode list) {
        List<long[]> shapes = new ArrayList<>();
        for (JsonNode item : list) {
            JsonNode dims = item.elements().hasNext() ? item.elements().next() : null;
            if (dims == null || !dims.isArray()) {
                shapes.add(new long[0]);
                continue;
            }
            long[] s = new long[dims.size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = dims.get(i).asLong();
            }
            shapes.add(s);
        }
        return shapes;
    }

    private static long count(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}
