package dev.infbench.bench;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The requests a serving fork rotates through: for each call size it may make, distinct input batches (other
 * sentences, other seeds), together larger than the machine's last-level cache, so that no call runs on inputs a
 * previous call left in the cache. Made before the clock starts; request {@code i} of size {@code k} is entry
 * {@code i mod entries(k)}.
 */
final class RequestPool {
    /** Entries per size, at least: a few distinct inputs even for a huge sample. */
    static final int MIN_ENTRIES = 4;
    /** Entries per size, at most: a small sample need not fill twice the cache on its own. */
    static final int MAX_ENTRIES = 1024;
    /** The cache size assumed where sysfs does not say (32 MiB, a large server L3). */
    static final long DEFAULT_CACHE_BYTES = 32L << 20;

    private final List<List<InputBatch>> bySize;
    private final long bytes;

    private RequestPool(List<List<InputBatch>> bySize, long bytes) {
        this.bySize = bySize;
        this.bytes = bytes;
    }

    /** Pools for the sizes {@code sizes} (each a batch a call can take) of the cell's model. */
    static RequestPool make(ModelSpec spec, int seq, String shape, List<Integer> sizes) throws InputPlanException {
        long target = 2 * lastLevelCacheBytes();
        List<List<InputBatch>> bySize = new ArrayList<>();
        int largest = sizes.stream().mapToInt(Integer::intValue).max().orElse(1);
        for (int k = 0; k <= largest; k++) {
            bySize.add(List.of());
        }
        long total = 0;
        for (int k : sizes) {
            List<InputSpec> specs = ModelInputs.plan(spec, k, seq, shape);
            List<InputBatch> entries = new ArrayList<>();
            long entryBytes = 0;
            for (int e = 0; e < MAX_ENTRIES; e++) {
                long seed = TextInputs.SEED + 7919L * (k * (long) MAX_ENTRIES + e + 1);
                InputBatch b = InputFactory.make(spec, specs, TextInputs.draw(k, seed), seed).batch();
                entries.add(b);
                entryBytes = bytes(b);
                // Each size's share of the target; a size past it stops (every size gets at least MIN_ENTRIES).
                if (entries.size() >= MIN_ENTRIES && (long) entries.size() * entryBytes >= target / sizes.size()) {
                    break;
                }
            }
            total += entries.size() * entryBytes;
            bySize.set(k, List.copyOf(entries));
        }
        return new RequestPool(List.copyOf(bySize), total);
    }

    /** The input batch of request {@code i} for a call of {@code size}. */
    InputBatch get(int size, int i) {
        List<InputBatch> entries = bySize.get(size);
        return entries.get(Math.floorMod(i, entries.size()));
    }

    /** How it was made, for the cell's effective settings. */
    String describe() {
        StringBuilder sizes = new StringBuilder();
        for (int k = 1; k < bySize.size(); k++) {
            if (!bySize.get(k).isEmpty()) {
                sizes.append(sizes.length() == 0 ? "" : ", ").append(bySize.get(k).size()).append(" of batch ")
                        .append(k);
            }
        }
        return String.format(Locale.ROOT, "%s distinct input batches (%.1f MiB, twice a %.1f MiB last-level cache),"
                + " rotated request by request", sizes, bytes / 1048576.0, lastLevelCacheBytes() / 1048576.0);
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
