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
 * say so. It runs in the forks and in the JVM that prepares model files, never in the launcher.
 */
public final class Tokenizer {
    private Tokenizer() {
    }

    /** Tokenizes the sentences into [n, seq] arrays with the tokenizer.json resource. */
    public static TextInputs.Tokens tokenize(String tokenizerResource, List<String> texts, int seq) {
        int n = texts.size();
        long[] ids = new long[n * seq];
        long[] mask = new long[n * seq];
        long[] types = new long[n * seq];
        try (InputStream json = Tokenizer.class.getResourceAsStream(tokenizerResource);
             HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(json, Map.of(
                     "addSpecialTokens", "true", "truncation", "false", "padding", "false"))) {
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
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer " + tokenizerResource, e);
        }
        return new TextInputs.Tokens(n, seq, ids, mask, types);
    }
}
