package dev.infbench.model;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Real token ids for text models: bundled English sentences tokenized with the model's own tokenizer.json
 * (offline), each cut or padded to {@code seq} with a matching attention mask.
 */
public final class TextInputs {
    /** Fixed seed: every trial of every run draws the same sentences in the same order. */
    public static final long SEED = 20_261_124L;
    private static final String SENTENCES = "/inputs/sentences.txt";

    private TextInputs() {
    }

    /** The bundled sentences, one per line. */
    public static List<String> sentences() {
        try (InputStream in = TextInputs.class.getResourceAsStream(SENTENCES)) {
            if (in == null) {
                throw new IllegalStateException(SENTENCES + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Builds {@code input_ids}, {@code attention_mask} and {@code token_type_ids} of shape [batch, seq] from
     * {@code batch} sentences drawn (with a seeded shuffle, cycling when batch exceeds the bundle) from the bundle.
     */
    public static InputBatch tokenized(ModelSpec model, int batch, int seq, long seed) {
        List<String> pool = new ArrayList<>(sentences());
        Collections.shuffle(pool, new Random(seed));
        List<String> picked = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            picked.add(pool.get(i % pool.size()));
        }
        return tokenize(model, picked, seq);
    }

    /** Tokenizes the given sentences into [n, seq] tensors. */
    public static InputBatch tokenize(ModelSpec model, List<String> texts, int seq) {
        int n = texts.size();
        long[] ids = new long[n * seq];
        long[] mask = new long[n * seq];
        long[] types = new long[n * seq];
        try (InputStream json = TextInputs.class.getResourceAsStream(model.tokenizer());
             HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(json, Map.of(
                     "addSpecialTokens", "true", "truncation", "false", "padding", "false"))) {
            for (int row = 0; row < n; row++) {
                Encoding e = tokenizer.encode(texts.get(row));
                long[] tokenIds = e.getIds();
                long[] typeIds = e.getTypeIds();
                int len = Math.min(tokenIds.length, seq);
                System.arraycopy(tokenIds, 0, ids, row * seq, len);
                System.arraycopy(typeIds, 0, types, row * seq, len);
                java.util.Arrays.fill(mask, row * seq, row * seq + len, 1L);
                if (tokenIds.length > seq && seq >= 2) {
                    // Cut: keep the closing separator token so the sequence stays well-formed.
                    ids[row * seq + seq - 1] = tokenIds[tokenIds.length - 1];
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer " + model.tokenizer(), e);
        }
        long[] shape = {n, seq};
        return InputBatch.of(List.of(
                HostTensor.ofLongs("input_ids", shape, ids),
                HostTensor.ofLongs("attention_mask", shape, mask),
                HostTensor.ofLongs("token_type_ids", shape, types)));
    }
}
