package dev.infbench.tools;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.infbench.model.ModelCatalog;
import dev.infbench.model.TextInputs;
import dev.infbench.model.text.Tokenizer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a user's own code would do, without JMH or any of the suite's code on the measured path: load MiniLM fp32 into
 * an ONNX Runtime session, bind the same tokenized inputs as direct buffers, call {@code OrtSession.run} in a loop and
 * close each result. Prints {@code p50_ms=... n=...}. The overhead check compares the suite's p50 with this one.
 *
 * <p>{@code java -cp benchmarks.jar dev.infbench.tools.PlainOrtLoop THREADS SEQ BATCH WARMUP_S MEASURE_S}
 */
public final class PlainOrtLoop {
    private PlainOrtLoop() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        int seq = Integer.parseInt(args[1]);
        int batch = Integer.parseInt(args[2]);
        double warmupS = Double.parseDouble(args[3]);
        double measureS = Double.parseDouble(args[4]);

        byte[] model = ModelCatalog.get("minilm").variant("fp32").orElseThrow().load();
        TextInputs.Tokens t = Tokenizer.tokenize(ModelCatalog.get("minilm").tokenizer(),
                TextInputs.draw(batch, TextInputs.SEED), seq);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setIntraOpNumThreads(threads);
            try (OrtSession session = env.createSession(model, so)) {
                long[] shape = {batch, seq};
                Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
                inputs.put("input_ids", OnnxTensor.createTensor(env, direct(t.ids()), shape));
                inputs.put("attention_mask", OnnxTensor.createTensor(env, direct(t.mask()), shape));
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, direct(t.types()), shape));

                long end = System.nanoTime() + (long) (warmupS * 1e9);
                while (System.nanoTime() < end) {
                    try (OrtSession.Result r = session.run(inputs)) {
                        sink += r.size();
                    }
                }
                long[] samples = new long[1 << 20];
                int n = 0;
                end = System.nanoTime() + (long) (measureS * 1e9);
                while (System.nanoTime() < end && n < samples.length) {
                    long start = System.nanoTime();
                    try (OrtSession.Result r = session.run(inputs)) {
                        sink += r.size();
                    }
                    samples[n++] = System.nanoTime() - start;
                }
                long[] sorted = Arrays.copyOf(samples, n);
                Arrays.sort(sorted);
                System.out.printf(java.util.Locale.ROOT, "p50_ms=%.4f n=%d sink=%d%n", sorted[n / 2] / 1e6, n, sink);
                inputs.values().forEach(OnnxTensor::close);
            }
        }
    }

    private static long sink;

    private static LongBuffer direct(long[] values) {
        LongBuffer b = ByteBuffer.allocateDirect(values.length * Long.BYTES).order(ByteOrder.nativeOrder())
                .asLongBuffer();
        b.put(values).rewind();
        return b;
    }
}
