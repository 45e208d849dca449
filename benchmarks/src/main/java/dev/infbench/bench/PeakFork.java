package dev.infbench.bench;

import dev.infbench.backend.Backend;
import dev.infbench.backend.BackendSession;
import dev.infbench.backend.Backends;
import dev.infbench.config.CellConfig;
import dev.infbench.config.Parameter;
import dev.infbench.env.CpuBudget;
import dev.infbench.env.CpuProbe;
import dev.infbench.env.MachineSpeed;
import dev.infbench.format.Json;
import dev.infbench.format.MachinePeak;
import dev.infbench.format.Schemas;
import dev.infbench.model.DType;
import dev.infbench.model.HostTensor;
import dev.infbench.model.InputBatch;
import dev.infbench.model.ModelVariant;
import dev.infbench.model.PeakGraphs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The machine's practical peaks, measured once per run in a JVM of their own (the launcher starts it, like a cell's
 * fork, and loads no native code itself): an fp32 matrix product and an int8 one through the reference backend
 * (ONNX Runtime) on every usable core, and the copy bandwidth of buffers larger than the caches. Each part is the
 * best of {@value #TRIES} tries of about {@value #TRY_MS} ms after a warm-up, so that a try the neighbours slowed
 * does not set the peak; the spread of the tries is kept with it. {@code main OUT} writes {@link MachinePeak} as JSON.
 */
public final class PeakFork {
    /** The matrices' side: 2 × 1024³ operations a call, tens of ms on a few cores, well out of the caches' reach. */
    static final int N = 1024;
    static final int TRIES = 7;
    static final long TRY_MS = 250;
    private static final int WARMUP_CALLS = 3;
    /** The buffer each thread copies for the bandwidth: well above any core's share of a last-level cache. */
    private static final int COPY_MIB_PER_THREAD = 128;
    /** The most all threads' copy buffers take together, MiB. */
    private static final int COPY_MIB_TOTAL = 2048;
    /** CPU flags with int8 dot-product (or multiply-add) instructions an int8 matrix kernel uses. */
    static final Set<String> INT8_FLAGS = Set.of("avx2", "avx512bw", "avx512_vnni", "avx_vnni", "amx_int8", "asimddp",
            "i8mm");

    private PeakFork() {
    }

    public static void main(String[] args) {
        int status = 1;
        try {
            write(Path.of(args[0]));
            status = 0;
        } catch (Throwable t) {
            t.printStackTrace();
        } finally {
            System.exit(status); // native libraries may have left threads running, even after a failure
        }
    }

    private static void write(Path result) throws Exception {
        long start = System.nanoTime();
        int threads = CpuBudget.cores();
        List<String> how = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Backend reference = Backends.reference();
        Double fp32 = part("fp32", how, skipped, () -> product(reference, PeakGraphs.fp32MatMul(N), DType.FLOAT32,
                threads, "fp32 MatMul " + N + "x" + N + " through " + reference.name(), how));
        List<String> flags = CpuProbe.isaFlags() == null ? List.of() : CpuProbe.isaFlags();
        List<String> int8Flags = flags.stream().filter(INT8_FLAGS::contains).toList();
        Double int8 = null;
        if (int8Flags.isEmpty()) {
            skipped.add("int8: the CPU lists none of the int8 dot-product instructions " + new java.util.TreeSet<>(
                    INT8_FLAGS));
        } else {
            int8 = part("int8", how, skipped, () -> product(reference, PeakGraphs.int8MatMul(N), DType.UINT8, threads,
                    "int8 MatMulInteger (uint8 x int8 into int32) " + N + "x" + N + " through " + reference.name()
                            + ", CPU int8 instructions " + int8Flags, how));
        }
        Double memory = part("memory", how, skipped, () -> bandwidth(threads, how));
        MachinePeak peak = new MachinePeak(Schemas.PEAK, threads, fp32, int8, memory, TRIES,
                round((System.nanoTime() - start) / 1e9), how, skipped);
        Json.MAPPER.writeValue(result.toFile(), peak);
    }

    @FunctionalInterface
    private interface Part {
        double measure() throws Exception;
    }

    /** One part's best rate, or null with the reason in {@code skipped}: one part failing leaves the others. */
    private static Double part(String name, List<String> how, List<String> skipped, Part part) {
        try {
            return round(part.measure());
        } catch (Exception | LinkageError e) {
            skipped.add(name + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
            e.printStackTrace();
            return null;
        }
    }

    /** The best of the tries of one graph's calls, in billions of operations per second. */
    private static double product(Backend backend, byte[] graph, DType inputType, int threads, String what,
                                  List<String> how) throws Exception {
        Path file = Files.createTempFile("infbench-peak", ".onnx");
        try {
            Files.write(file, graph);
            Map<Parameter, String> values = new EnumMap<>(Parameter.class);
            values.put(Parameter.THREADS, Integer.toString(threads));
            CellConfig cell = CellConfig.of(values);
            try (BackendSession session = backend.open(cell, ModelVariant.ofFile("peak", "fp32", file, what))) {
                session.bind(InputBatch.of(List.of(input(inputType))));
                for (int i = 0; i < WARMUP_CALLS; i++) {
                    session.run();
                }
                // Each try's calls per second, in billions of operations per second.
                double[] rates = MachineSpeed.sliceRates(TRIES, TRY_MS, done -> {
                    try {
                        session.run();
                    } catch (Exception e) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                    return 1;
                });
                for (int t = 0; t < rates.length; t++) {
                    rates[t] *= PeakGraphs.operations(N) / 1e9;
                }
                how.add(what + ", " + threads + " threads: " + spread(rates, "G op/s"));
                return max(rates);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static HostTensor input(DType type) {
        long[] shape = {N, N};
        HostTensor t = HostTensor.allocate(PeakGraphs.INPUT, type, shape);
        Random random = new Random(1);
        for (long i = 0; i < t.count(); i++) {
            t.set(i, type == DType.UINT8 ? random.nextInt(256) : random.nextGaussian());
        }
        return t;
    }

    private static double bandwidth(int threads, List<String> how) {
        int mib = copyMibPerThread(threads);
        double[] rates = new double[TRIES];
        for (int t = 0; t < TRIES; t++) {
            rates[t] = MachineSpeed.bandwidthGbs(threads, mib);
        }
        how.add("memory: copies between two " + mib + " MiB off-heap buffers per thread, bytes read and written, "
                + threads + " threads at once (their rates summed over one common window): " + spread(rates, "GB/s"));
        return max(rates);
    }

    /**
     * Each thread's buffer size: {@value #COPY_MIB_PER_THREAD} MiB, less on many cores so that all buffers together
     * stay within {@value #COPY_MIB_TOTAL} MiB (still larger than any CPU's caches) up to 256 threads, 4 MiB each
     * beyond.
     */
    static int copyMibPerThread(int threads) {
        return Math.max(4, Math.min(COPY_MIB_PER_THREAD, COPY_MIB_TOTAL / (2 * Math.max(1, threads))));
    }

    /** "best 212, tries 198-212 G op/s". */
    static String spread(double[] rates, String unit) {
        double min = Double.MAX_VALUE;
        for (double r : rates) {
            min = Math.min(min, r);
        }
        return String.format(Locale.ROOT, "best %.1f of %d tries (%.1f to %.1f) %s", max(rates), rates.length, min,
                max(rates), unit);
    }

    private static double max(double[] values) {
        double m = 0;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
