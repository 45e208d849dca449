package dev.infbench.harness.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.infbench.harness.HarnessException;
import dev.infbench.harness.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a comparison or a merge needs from a run's {@code env.json}: the machine's identity and the software fields
 * that make up the software key.
 *
 * @param host        host name, or null
 * @param cpuModel    {@code cpu.model}, or null
 * @param gpuModels   {@code gpu.models}; empty without a GPU
 * @param hardwareKey {@code keys.hardware}: equal on the same machine; null when missing
 * @param softwareKey {@code keys.software}, or null
 * @param software    the software fields, flattened to {@code "software.onnxruntime"}, {@code "jvm.version"},
 *                    {@code "os.kernel"}, {@code "models.minilm"} → value
 */
public record RunEnvironment(String host, String cpuModel, List<String> gpuModels, String hardwareKey,
        String softwareKey, Map<String, String> software) {

    /** Name of the environment file inside a run folder. */
    public static final String FILE_NAME = "env.json";

    public RunEnvironment {
        gpuModels = List.copyOf(gpuModels);
        software = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(software));
    }

    /** An environment about which nothing is known (a run folder without env.json). */
    public static RunEnvironment unknown() {
        return new RunEnvironment(null, null, List.of(), null, null, Map.of());
    }

    /**
     * Reads {@code runDir/env.json}.
     *
     * @throws HarnessException naming the file when it is missing, unreadable or not a JSON object
     */
    public static RunEnvironment read(Path runDir) {
        Path file = runDir.resolve(FILE_NAME);
        JsonNode env;
        try {
            env = Json.MAPPER.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new HarnessException(file + ": no such file", e);
        } catch (JsonProcessingException e) {
            throw new HarnessException(file + ": " + Json.describe(e), e);
        } catch (IOException e) {
            throw new HarnessException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (env == null || !env.isObject()) {
            throw new HarnessException(file + ": not a JSON object");
        }
        List<String> gpus = new ArrayList<>();
        env.path("gpu").path("models").forEach(model -> gpus.add(model.asText()));
        Map<String, String> software = new LinkedHashMap<>();
        flatten("software", env.path("software"), software);
        put(software, "jvm.version", env.path("jvm").path("version"));
        put(software, "os.kernel", env.path("os").path("kernel"));
        flatten("models", env.path("models"), software);
        return new RunEnvironment(text(env.path("host")), text(env.path("cpu").path("model")), gpus,
                text(env.path("keys").path("hardware")), text(env.path("keys").path("software")), software);
    }

    /**
     * The software fields that differ from {@code other}'s, one line each, e.g.
     * {@code software.onnxruntime: 1.23.2 -> 1.24.0} ({@code (none)} where one side lacks the field).
     */
    public List<String> softwareDifferences(RunEnvironment other) {
        Set<String> names = new LinkedHashSet<>(software.keySet());
        names.addAll(other.software.keySet());
        List<String> lines = new ArrayList<>();
        for (String name : names) {
            String mine = software.get(name);
            String theirs = other.software.get(name);
            if (!Objects.equals(mine, theirs)) {
                lines.add(name + ": " + orNone(mine) + " -> " + orNone(theirs));
            }
        }
        return lines;
    }

    private static String orNone(String value) {
        return value == null ? "(none)" : value;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        if (node.isObject()) {
            node.properties().forEach(field -> put(into, prefix + "." + field.getKey(), field.getValue()));
        }
    }

    private static void put(Map<String, String> into, String name, JsonNode value) {
        String text = text(value);
        if (text != null) {
            into.put(name, text);
        }
    }

    private static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }
}
