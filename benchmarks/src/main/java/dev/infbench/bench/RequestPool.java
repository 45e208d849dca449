package dev.infbench.bench;

import dev.infbench.model.HostTensor;
import dev.infbench.model.InputBatch;
import dev.infbench.model.InputFactory;
import dev.infbench.model.InputPlanException;
import dev.infbench.model.InputSpec;
import dev.infbench.model.ModelInputs;
import dev.infbench.model.ModelSpec;
import dev.infbench.model.TextInputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The requests a serving fork rotates through: distinct single samples (other sentences, other seeds), together
 * larger than the machine's last-level cache, so that no call runs on inputs a previous call left in the cache. A
 * call of one request binds its sample; a call of k requests first copies their k samples into one batch, as a
 * batching server concatenates the requests it took, and that copy is part of the call's time. Made before the clock
 * starts; request {@code i} is sample {@code i mod size}.
 */
final class RequestPool {
    /** Samples at most: a small sample need not fill twice the cache on its own. */
    static final int MAX_ENTRIES = 1024;
    /** The cache size assumed where sysfs does not say (32 MiB, a large server L3). */
    static final long DEFAULT_CACHE_BYTES = 32L << 20;

    private final List<InputBatch> samples;
    private final long bytes;
    /** The largest call: the pool holds at least twice as many samples, so that a batch never repeats one. */
    private final int largest;

    private RequestPool(List<InputBatch> samples, long bytes, int largest) {
        this.samples = samples;
        this.bytes = bytes;
        this.largest = largest;
    }

    /**
     * Single samples of the cell's model, enough to fill twice the last-level cache (at most {@link #MAX_ENTRIES},
     * at least twice {@code largest}, the largest call).
     */
    static RequestPool make(ModelSpec spec, int seq, String shape, int largest) throws InputPlanException {
        long target = 2 * lastLevelCacheBytes();
        List<InputSpec> specs = ModelInputs.plan(spec, 1, seq, shape);
        List<InputBatch> entries = new ArrayList<>();
        long entryBytes = 0;
        for (int e = 0; e < Math.max(MAX_ENTRIES, 2 * largest); e++) {
            long seed = TextInputs.SEED + 7919L * (e + 1);
            InputBatch b = InputFactory.make(spec, specs, TextInputs.draw(1, seed), seed).batch();
            entries.add(b);
            entryBytes = bytes(b);
            if (entries.size() >= 2 * largest && (long) entries.size() * entryBytes >= target) {
                break;
            }
        }
        return new RequestPool(List.copyOf(entries), entries.size() * entryBytes, largest);
    }

    /** The inputs of requests {@code first} to {@code first + size - 1}: one sample, or their samples as one batch. */
    InputBatch get(int size, int first) {
        if (size == 1) {
            return samples.get(Math.floorMod(first, samples.size()));
        }
        Map<String, HostTensor> batch = new LinkedHashMap<>();
        InputBatch one = samples.get(0);
        for (Map.Entry<String, HostTensor> e : one.tensors().entrySet()) {
            HostTensor t = e.getValue();
            long[] shape = t.shape().clone();
            shape[0] = size;
            HostTensor joined = HostTensor.allocate(t.name(), t.dtype(), shape);
            ByteBuffer into = joined.data().duplicate();
            into.clear();
            for (int i = 0; i < size; i++) {
                ByteBuffer from = samples.get(Math.floorMod(first + i, samples.size())).tensors().get(e.getKey())
                        .data().duplicate();
                from.clear();
                into.put(from);
            }
            batch.put(e.getKey(), joined);
        }
        return new InputBatch(batch);
    }

    /** How it was made, for the cell's effective settings. */
    String describe() {
        return String.format(Locale.ROOT, "%d distinct samples (%.1f MiB, twice a %.1f MiB last-level cache or %d"
                + " samples, twice the largest call of %d), rotated request by request%s", samples.size(),
                bytes / 1048576.0, lastLevelCacheBytes() / 1048576.0, MAX_ENTRIES, largest,
                largest > 1 ? "; a call of several requests copies their samples into one batch, in the call's time"
                : "");
    }

    private static long bytes(InputBatch b) {
        return b.tensors().values().stream().mapToLong(t -> t.data().capacity()).sum();
    }
    /** The largest cache of cpu0 as sysfs lists it, else {@link #DEFAULT_CACHE_BYTES}. */
    static long lastLevelCacheBytes() {
        long largest = 0;
        for (int i = 0; i < 8; i++) {
            Path size = Path.of("/sys/devices/system/cpu/cpu0/cache/index" + i + "/size");
            try {
                largest = Math.max(largest, parseSize(Files.readString(size).strip()));
            } catch (IOException | NumberFormatException | SecurityException e) {
                // No such level (or not Linux): the others, or the default.
            }
        }
        return largest > 0 ? largest : DEFAULT_CACHE_BYTES;
    }

    /** "32768K", "32M", "1024" (bytes). */
    static long parseSize(String text) {
        char unit = text.isEmpty() ? ' ' : Character.toUpperCase(text.charAt(text.length() - 1));
        long factor = unit == 'K' ? 1L << 10 : unit == 'M' ? 1L << 20 : unit == 'G' ? 1L << 30 : 1;
        String digits = factor == 1 ? text : text.substring(0, text.length() - 1);
        return Long.parseLong(digits.strip()) * factor;
    }
}
