package dev.infbench.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.infbench.backend.Backend;
import dev.infbench.backend.Backends;
import dev.infbench.format.OperatorProfile;
import dev.infbench.config.CellConfig;
import dev.infbench.config.Parameter;
import dev.infbench.format.Json;
import dev.infbench.model.InputFactory;
import dev.infbench.model.InputSpec;
import dev.infbench.model.ModelCatalog;
import dev.infbench.model.ModelInputs;
import dev.infbench.model.ModelSpec;
import dev.infbench.model.TextInputs;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One cell run once more with its backend's own profiler ({@code --profile}), in a JVM of its own after the measured
 * rounds: {@code main PARAMS_JSON CALLS TRACE OUT} opens the cell's session as its forks do, runs a few warm-up calls
 * and then {@code CALLS} profiled ones on the same timed inputs, writes the backend's trace to {@code TRACE} and what
 * was recorded ({@link OperatorProfile}, or why nothing was) to {@code OUT}.
 */
public final class ProfileFork {
    static final int WARMUP_CALLS = 3;

    private ProfileFork() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> params = Json.MAPPER.readValue(args[0], new TypeReference<Map<String, String>>() { });
        int calls = Integer.parseInt(args[1]);
        Path trace = Path.of(args[2]);
        dev.infbench.format.ProfileFiles.CellProfile out;
        try {
            Map<Parameter, String> values = new EnumMap<>(Parameter.class);
            params.forEach((k, v) -> Parameter.byKey(k).ifPresent(p -> values.put(p, v)));
            CellConfig cell = CellConfig.of(values);
            ModelSpec spec = ModelCatalog.get(cell.model());
            List<InputSpec> specs = ModelInputs.plan(spec, cell.batch(), cell.seq(), cell.shape());
            Backend backend = Backends.get(cell.backend());
            InputFactory.Made timed = InputFactory.make(spec, specs, TextInputs.draw(cell.batch(), TextInputs.SEED),
                    TextInputs.SEED);
            Optional<OperatorProfile> profile = backend.profile(cell, backend.variantFor(cell, spec), timed.batch(),
                    WARMUP_CALLS, calls, trace);
            out = profile.map(dev.infbench.format.ProfileFiles.CellProfile::of).orElseGet(() ->
                    dev.infbench.format.ProfileFiles.CellProfile.failed("backend " + backend.name()
                            + " has no operator profiler"));
        } catch (Exception e) {
            out = dev.infbench.format.ProfileFiles.CellProfile.failed(e.getClass().getSimpleName() + ": "
                    + e.getMessage());
            e.printStackTrace();
        }
        try {
            Json.MAPPER.writeValue(Path.of(args[3]).toFile(), out);
        } finally {
            System.exit(0); // native libraries may have left threads running
        }
    }
}
