package dev.infbench.model;

import dev.infbench.model.InputSpec.Role;
import dev.infbench.model.text.Tokenizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Makes the values of a cell's inputs, once, outside the timed region. Text models with a tokenizer get real token
 * ids from bundled sentences; otherwise token ids are drawn inside the vocabulary (when the graph shows it), masks
 * are ones, token types zeros, positions count up, other integers are zeros, 4-D float inputs [N, C, H, W] are
 * {@link SyntheticImages} and other floats are seeded N(0, 1).
 */
public final class InputFactory {
    /** Ids are drawn below this when the vocabulary cannot be known. */
    static final long FALLBACK_VOCABULARY = 100;

    private InputFactory() {
    }

    /** Inputs plus a line per input saying how it was filled (kept in the cell's effective settings). */
    public record Made(InputBatch batch, Map<String, String> how) {
    }

    /**
     * @param sentences for text models with a tokenizer: one sentence per batch row; ignored otherwise
     */
    public static Made make(ModelSpec model, List<InputSpec> specs, List<String> sentences, long seed) {
        TextInputs.Tokens tokens = null;
        InputSpec ids = specs.stream().filter(s -> s.role() == Role.TOKEN_IDS && s.shape().length == 2)
                .findFirst().orElse(null);
        if (model.tokenizer() != null && ids != null) {
            tokens = Tokenizer.tokenize(model.tokenizer(), sentences, (int) ids.shape()[1]);
        }
        Random random = new Random(seed);
        List<HostTensor> tensors = new ArrayList<>();
        Map<String, String> how = new LinkedHashMap<>();
        for (InputSpec s : specs) {
            HostTensor t = HostTensor.allocate(s.name(), s.dtype(), s.shape());
            how.put(s.name(), t.describe() + ": " + fill(t, s, tokens, random));
            tensors.add(t);
        }
        return new Made(InputBatch.of(tensors), how);
    }

    private static String fill(HostTensor t, InputSpec s, TextInputs.Tokens tokens, Random random) {
        long n = t.count();
        boolean tokenShaped = tokens != null && n == (long) tokens.rows() * tokens.seq();
        switch (s.role()) {
            case TOKEN_IDS -> {
                if (tokenShaped) {
                    copy(t, tokens.ids());
                    return "token ids of bundled sentences";
                }
                long vocab = s.vocabulary() != null ? s.vocabulary() : FALLBACK_VOCABULARY;
                for (long i = 0; i < n; i++) {
                    t.set(i, (long) (random.nextDouble() * vocab));
                }
                return s.vocabulary() != null ? "seeded uniform ids below the vocabulary of " + vocab
                        : "seeded uniform ids below " + FALLBACK_VOCABULARY + " (vocabulary not visible in the graph)";
            }
            case ATTENTION_MASK -> {
                if (tokenShaped) {
                    copy(t, tokens.mask());
                    return "attention mask of the tokenized sentences";
                }
                for (long i = 0; i < n; i++) {
                    t.set(i, 1);
                }
                return "ones";
            }
            case TOKEN_TYPE_IDS -> {
                if (tokenShaped) {
                    copy(t, tokens.types());
                    return "token types of the tokenized sentences";
                }
                return "zeros";
            }
            case POSITION_IDS -> {
                long last = s.shape().length == 0 ? 1 : s.shape()[s.shape().length - 1];
                for (long i = 0; i < n; i++) {
                    t.set(i, i % last);
                }
                return "positions 0.." + (last - 1);
            }
            case BOOL -> {
                for (long i = 0; i < n; i++) {
                    t.set(i, 1);
                }
                return "true";
            }
            case INTEGER -> {
                return "zeros";
            }
            case FLOAT -> {
                long[] d = s.shape();
                if (d.length == 4 && d[2] >= 8 && d[3] >= 8) {
                    float[] images = new float[Math.toIntExact(n)];
                    SyntheticImages.fill(images, (int) d[0], (int) d[1], (int) d[2], (int) d[3], random);
                    for (int i = 0; i < images.length; i++) {
                        t.set(i, images[i]);
                    }
                    return "seeded synthetic images (per image and channel: brightness, contrast, low-frequency"
                            + " waves, pixel noise)";
                }
                for (long i = 0; i < n; i++) {
                    t.set(i, random.nextGaussian());
                }
                return "seeded N(0, 1)";
            }
            default -> throw new IllegalStateException("unhandled role " + s.role());
        }
    }

    private static void copy(HostTensor t, long[] values) {
        for (int i = 0; i < values.length; i++) {
            t.set(i, values[i]);
        }
    }
}
