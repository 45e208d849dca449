package dev.infbench.launcher;

import dev.infbench.backend.Backends;
import dev.infbench.config.CellConfig;
import dev.infbench.config.ParameterDefaults;
import dev.infbench.model.ModelCatalog;
import dev.infbench.model.ModelVariant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The model files a run will load, made before the first fork (generated variants are cached, so no fork generates
 * one while another times), and their SHA-256 for env.json.
 */
final class ModelPreparation {
    private ModelPreparation() {
    }

    /**
     * SHA-256 of each model file the run will load: {@code minilm} for fp32, {@code minilm@int8} or
     * {@code minilm@int8.static} for others. A variant that cannot be made is recorded as {@code not generated: why};
     * the cell's fork meets the same error and becomes a FAILED row naming it, and the run goes on.
     */
    static Map<String, String> hashes(Plan plan) {
        Map<String, String> hashes = new TreeMap<>();
        for (Plan.Cell c : plan.toRun()) {
            CellConfig cfg = c.config();
            ModelVariant v = Backends.get(cfg.backend()).variantFor(cfg, ModelCatalog.get(cfg.model()));
            String key = v.precision().equals("fp32") ? cfg.model() : cfg.model() + "@" + v.precision()
                    + (cfg.shape().equals(ParameterDefaults.SHAPE) ? "" : " shape=" + cfg.shape());
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
}
