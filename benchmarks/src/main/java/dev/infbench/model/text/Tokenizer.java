package dev.infbench.model.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.infbench.model.TextInputs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The model's own tokenizer.json, run by the HuggingFace tokenizers library (native code, through DJL): the one
 * place outside a backend that loads a native library, kept in its own package so that the architecture rules can
 * say so. It runs in the forks and in the JVM that prepares model files, never in the launcher. An open tokenizer
 * is reused call after call (the pipeline's preprocessing), as a serving process would.
 */
public final class Tokenizer implements AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;

    private Tokenizer(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** Opens the tokenizer.json resource. */
    public static Tokenizer open(String tokenizerResource) {
        try (InputStream json = Tokenizer.class.getResourceAsStream(tokenizerResource)) {
            if (json == null) {
                throw new IllegalStateException("tokenizer " + tokenizerResource + " is missing from the jar");
            }
            return new Tokenizer(HuggingFaceTokenizer.newInstance(json, Map.of(
                    "addSpecialTokens", "true", "truncation", "false", "padding", "false")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer " + tokenizerResource, e);
        }
    }

    /** Tokenizes the sentences into [n, seq] arrays with the tokenizer.json resource (opened and closed here). */
    public static TextInputs.Tokens tokenize(String tokenizerResource, List<String> texts, int seq) {
        try (Tokenizer t = open(tokenizerResource)) {
            return t.tokenize(texts, seq);
        }
    }

    /** Tokenizes the sentences into [n, seq] arrays: padded with zeros, cut sequences keep their closing token. */
    public TextInputs.Tokens tokenize(List<String> texts, int seq) {
        int n = texts.size();
        long[] ids = new long[n * seq];
        long[] mask = new long[n * seq];
        long[] types = new long[n * seq];
        for (int row = 0; row < n; row++) {
            Encoding e = tokenizer.encode(texts.get(row));
            long[] tokenIds = e.getIds();
            long[] typeIds = e.getTypeIds();
            int len = Math.min(tokenIds.length, seq);
            System.arraycopy(tokenIds, 0, ids, row * seq, len);
            System.arraycopy(typeIds, 0, types, row * seq, len);
            Arrays.fill(mask, row * seq, row * seq + len, 1L);
            if (tokenIds.length > seq && seq >= 2) {
                // Cut: keep the closing separator token so the sequence stays well-formed.
                ids[row * seq + seq - 1] = tokenIds[tokenIds.length - 1];
            }
        }
        return new TextInputs.Tokens(n, seq, ids, mask, types);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
