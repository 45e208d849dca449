package dev.infbench.model.quantize;

import dev.infbench.accuracy.AccuracyGate;
import dev.infbench.backend.Backend;
import dev.infbench.backend.BackendSession;
import dev.infbench.backend.Backends;
import dev.infbench.config.CellConfig;
import dev.infbench.config.Parameter;
import dev.infbench.format.Accuracy;
import dev.infbench.model.ModelCatalog;
import dev.infbench.model.ModelInputs;
import dev.infbench.model.ModelSpec;
import dev.infbench.model.ModelVariant;
import java.util.EnumMap;
import java.util.Map;

/**
 * One cell's variant opened on ONNX Runtime as the benchmark opens it, put through the real accuracy gate, with the
 * effective settings the cell would record.
 */
record GatedVariant(Accuracy accuracy, Map<String, Object> effective) {

    static GatedVariant of(String model, String precision, String options) throws Exception {
        Map<Parameter, String> m = new EnumMap<>(Parameter.class);
        m.put(Parameter.MODEL, model);
        m.put(Parameter.BACKEND, "onnxruntime");
        m.put(Parameter.PRECISION, precision);
        m.put(Parameter.OPTIONS, options);
        m.put(Parameter.BATCH, "1");
        m.put(Parameter.THREADS, "0");
        CellConfig cell = CellConfig.of(m);
        ModelSpec spec = ModelCatalog.get(model);
        Backend ort = Backends.get("onnxruntime");
        ModelVariant variant = ort.variantFor(cell, spec);
        try (BackendSession s = ort.open(cell, variant)) {
            Accuracy a = AccuracyGate.check(cell, spec, s, ModelInputs.plan(spec, 1, 128, "none"));
            return new GatedVariant(a, s.effectiveSettings());
        }
    }

    @SuppressWarnings("unchecked")
    int operators(String op) {
        return ((Map<String, Integer>) effective.get("optimized_graph_operators")).getOrDefault(op, 0);
    }
}
