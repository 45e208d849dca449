package dev.infbench.launcher;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.infbench.backend.Backends;
import dev.infbench.config.CellConfig;
import dev.infbench.config.Parameter;
import dev.infbench.config.ParameterDefaults;
import dev.infbench.config.Precision;
import dev.infbench.config.UsageException;
import dev.infbench.format.Json;
import dev.infbench.model.ModelCache;
import dev.infbench.model.ModelCatalog;
import dev.infbench.model.ModelSpec;
import dev.infbench.model.ModelVariant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The model files a run will load, made before the first fork (generated variants are cached, so no fork generates
 * one while another times), and their SHA-256 for env.json. Generating a file runs native code (libtorch for the
 * image networks' BatchNorm statistics, ONNX Runtime for int8 calibration), so it runs in a child JVM, like the
 * cells: a native crash there costs the preparation, never the launcher holding the journal. The launcher JVM
 * refuses to generate anything itself ({@link ModelCache#refuseGeneration}); files already in the cache it reads.
 */
final class ModelPreparation {
    /** Why the launcher JVM generates nothing (the message of the internal error if it ever tried). */
    static final String REFUSED = "the launcher JVM generates no model file (that runs native code): a child JVM"
            + " (ModelPreparation) makes them before the cells run";
    /** Generous: ResNet-50's int8 variant takes about a minute on 2 cores; a hang must not hold the run forever. */
    private static final long TIMEOUT_MINUTES = 60;
    private static final String REFERENCES = "references";
    private static final String HASHES = "hashes";

    private ModelPreparation() {
    }

    /**
     * Makes the reference (fp32) file of every catalogue model of the sweep that is not in the cache yet, so that the
     * plan can read the models' inputs from their graphs. Models the catalogue does not know, and files of the
     * user's, are left to the plan, which reports them.
     */
    static void references(List<CellConfig> configs) throws UsageException, CannotRunException, IOException {
        List<Map<String, String>> missing = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (CellConfig c : configs) {
            if (!seen.contains(c.model()) && seen.add(c.model()) && !referenceReady(c.model())) {
                missing.add(c.params());
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        Preflight.cache();
        Path log = Files.createTempFile("infbench-models", ".log");
        Child child = Child.run(REFERENCES, missing, log);
        if (child.failure().isPresent()) {
            throw new CannotRunException("cannot generate the model files of " + String.join(", ", models(missing))
                    + ": " + child.failure().get() + " (nothing was run)");
        }
        for (Map.Entry<String, String> e : child.results().entrySet()) {
            if (!e.getValue().isEmpty()) {
                throw new CannotRunException("cannot generate the model file of " + e.getKey() + ": " + e.getValue()
                        + " (see " + log + "; nothing was run)");
            }
        }
        Files.deleteIfExists(log);
    }

    private static boolean referenceReady(String model) {
        try {
            Optional<ModelSpec> spec = ModelCatalog.find(model);
            return spec.isEmpty() || spec.get().torchScript() || ModelCache.isReady(spec.get().reference());
        } catch (RuntimeException e) {
            return true; // an unreadable model: the plan says why
        }
    }

    /**
     * SHA-256 of each model file the run will load: {@code minilm} for fp32, {@code minilm@int8} or
     * {@code minilm@int8.static} for others. Any file that must be generated first is made in a child JVM whose
     * output goes to {@code log}. A variant that cannot be made is recorded as {@code not generated: why}; the
     * cell's fork meets the same error and becomes a FAILED row naming it, and the run goes on.
     */
    static Map<String, String> hashes(Plan plan, Path log) throws IOException {
        List<CellConfig> cells = plan.toRun().stream().map(Plan.Cell::config).toList();
        if (cells.stream().allMatch(ModelPreparation::variantReady)) {
            return hashesOf(cells);
        }
        List<Map<String, String>> params = cells.stream().map(CellConfig::params).toList();
        Child child = Child.run(HASHES, params, log);
        if (child.failure().isEmpty()) {
            return new TreeMap<>(child.results());
        }
        Map<String, String> failed = new TreeMap<>();
        for (String model : models(params)) {
            failed.put(model, "not generated: " + child.failure().get());
        }
        return failed;
    }

    private static boolean variantReady(CellConfig cfg) {
        try {
            return ModelCache.isReady(variant(cfg));
        } catch (RuntimeException e) {
            return false; // the child meets the same error, and records it
        }
    }

    private static ModelVariant variant(CellConfig cfg) {
        return Backends.get(cfg.backend()).variantFor(cfg, ModelCatalog.get(cfg.model()));
    }

    private static Map<String, String> hashesOf(List<CellConfig> cells) {
        Map<String, String> hashes = new TreeMap<>();
        for (CellConfig cfg : cells) {
            ModelVariant v = variant(cfg);
            String key = v.precision().equals(Precision.FP32.label()) ? cfg.model() : cfg.model() + "@"
                    + v.precision() + (cfg.shape().equals(ParameterDefaults.SHAPE) ? "" : " shape=" + cfg.shape());
            if (!hashes.containsKey(key)) {
                try {
                    hashes.put(key, v.read().sha256());
                } catch (RuntimeException e) {
                    hashes.put(key, "not generated: " + e.getMessage());
                }
            }
        }
        return hashes;
    }

    private static List<String> models(List<Map<String, String>> cells) {
        return cells.stream().map(c -> c.get(Parameter.MODEL.key())).distinct().toList();
    }

    /**
     * The child JVM: {@code MODE IN OUT}. Reads the cells' parameters from {@code IN}; writes to {@code OUT}, for
     * {@code references}, each model's error ("" when its reference file was made), for {@code hashes}, the hashes.
     */
    public static void main(String[] args) throws IOException, UsageException {
        List<CellConfig> cells = new ArrayList<>();
        for (Map<String, String> params : Json.MAPPER.readValue(Path.of(args[1]).toFile(),
                new TypeReference<List<Map<String, String>>>() { })) {
            Map<Parameter, String> values = new EnumMap<>(Parameter.class);
            params.forEach((k, v) -> Parameter.byKey(k).ifPresent(p -> values.put(p, v)));
            cells.add(CellConfig.of(values));
        }
        Map<String, String> results = new LinkedHashMap<>();
        if (args[0].equals(REFERENCES)) {
            for (CellConfig cfg : cells) {
                try {
                    ModelCatalog.get(cfg.model()).reference().read();
                    results.put(cfg.model(), "");
                } catch (RuntimeException e) {
                    results.put(cfg.model(), String.valueOf(e.getMessage()));
                }
            }
        } else {
            results.putAll(hashesOf(cells));
        }
        Json.MAPPER.writeValue(Path.of(args[2]).toFile(), results);
        System.exit(0); // native libraries may have left threads running
    }

    /** One run of the child JVM: its results, or why it gave none. */
    private record Child(Map<String, String> results, Optional<String> failure) {
        static Child run(String mode, List<Map<String, String>> cells, Path log) throws IOException {
            Path in = Files.createTempFile("infbench-models", ".json");
            Path out = Files.createTempFile("infbench-models", ".json");
            try {
                Json.MAPPER.writeValue(in.toFile(), cells);
                Optional<String> failure = ChildJvm.run(ModelPreparation.class, List.of(mode, in.toString(),
                        out.toString()), out, log, TIMEOUT_MINUTES, TimeUnit.MINUTES, "preparing them");
                if (failure.isPresent()) {
                    return new Child(Map.of(), failure);
                }
                Map<String, String> results = Json.MAPPER.readValue(out.toFile(),
                        new TypeReference<LinkedHashMap<String, String>>() { });
                return new Child(results, Optional.empty());
            } finally {
                Files.deleteIfExists(in);
                Files.deleteIfExists(out);
            }
        }
    }
}
