package dev.infbench.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Real token ids for text models: bundled English sentences tokenized with the model's own tokenizer.json
 * (offline, by {@link dev.infbench.model.text.Tokenizer}), each cut or padded to {@code seq} with a matching
 * attention mask.
 *
 * <p>Two sets, kept apart: {@link #TIMING} feeds the timed calls (and, later, any calibration); {@link #ACCURACY}
 * feeds only the accuracy gate, so that no variant is ever judged on the inputs it was calibrated on.
 */
public final class TextInputs {
    /** Fixed seed: every trial of every run draws the same sentences in the same order. */
    public static final long SEED = 20_261_124L;
    public static final String TIMING = "/inputs/sentences.txt";
    public static final String ACCURACY = "/inputs/accuracy-sentences.txt";

    /** Token ids, attention mask and token types, row-major [rows, seq]. */
    public record Tokens(int rows, int seq, long[] ids, long[] mask, long[] types) {
    }

    private TextInputs() {
    }

    /** The sentences of one bundled set, one per line. */
    public static List<String> sentences(String set) {
        try (InputStream in = TextInputs.class.getResourceAsStream(set)) {
            if (in == null) {
                throw new IllegalStateException(set + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code rows} sentences of the timing set, drawn with a seeded shuffle (cycling when rows exceed the set). */
    public static List<String> draw(int rows, long seed) {
        List<String> pool = new ArrayList<>(sentences(TIMING));
        Collections.shuffle(pool, new Random(seed));
        List<String> picked = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            picked.add(pool.get(i % pool.size()));
        }
        return picked;
    }
}
