package dev.infbench.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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
 * A run's {@code env.json} as the harness reads it: the machine's identity and the software fields that make up the
 * software key. The benchmarks write the file (its fields under these names); this is where its keys are read.
 *
 * @param host        host name, or null
 * @param cpuModel    {@code cpu.model}, or null
 * @param gpuModels   {@code gpu.models}; empty without a GPU
 * @param hardwareKey {@code keys.hardware}: equal on the same machine; null when missing
 * @param softwareKey {@code keys.software}, or null
 * @param software    the software fields, flattened to {@code "software.onnxruntime"}, {@code "jvm.version"},
 *                    {@code "os.kernel"}, {@code "models.minilm"} → value
 */
public record EnvFile(String host, String cpuModel, List<String> gpuModels, String hardwareKey,
        String softwareKey, Map<String, String> software) {

    /** The object holding the two keys. */
    public static final String KEYS = "keys";
    /** {@code keys.hardware}: what must match for two runs to be compared. */
    public static final String HARDWARE_KEY = "hardware";
    /** {@code keys.software}: context a comparison reports. */
    public static final String SOFTWARE_KEY = "software";
    /** The field with the file's layout version. */
    public static final String SCHEMA = "schema";

    public EnvFile {
        gpuModels = List.copyOf(gpuModels);
        software = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(software));
    }

    /** An environment about which nothing is known (a run folder without env.json). */
    public static EnvFile unknown() {
        return new EnvFile(null, null, List.of(), null, null, Map.of());
    }

    /**
     * Reads {@code runDir/env.json}.
     *
     * @throws FormatException naming the file when it is missing, unreadable, not a JSON object or newer than known
     */
    public static EnvFile read(Path runDir) {
        Path file = runDir.resolve(RunLayout.ENV);
        JsonNode env;
        try {
            env = Json.MAPPER.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new FormatException(file + ": no such file", e);
        } catch (JsonProcessingException e) {
            throw new FormatException(file + ": " + Json.describe(e), e);
        } catch (IOException e) {
            throw new FormatException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (env == null || !env.isObject()) {
            throw new FormatException(file + ": not a JSON object");
        }
        Schemas.require(file.toString(), env.path(SCHEMA).asInt(0), Schemas.ENV);
        List<String> gpus = new ArrayList<>();
        env.path("gpu").path("models").forEach(model -> gpus.add(model.asText()));
        Map<String, String> software = new LinkedHashMap<>();
        flatten("software", env.path("software"), software);
        put(software, "jvm.version", env.path("jvm").path("version"));
        put(software, "os.kernel", env.path("os").path("kernel"));
        flatten("models", env.path("models"), software);
        return new EnvFile(text(env.path("host")), text(env.path("cpu").path("model")), gpus,
                hardwareKey(env), text(env.path(KEYS).path(SOFTWARE_KEY)), software);
    }

    /**
     * The software fields that differ from {@code other}'s, one line each, e.g.
     * {@code software.onnxruntime: 1.23.2 -> 1.24.0} ({@code (none)} where one side lacks the field).
     */
    /** {@code keys.hardware} of an env.json's content, or null. */
    public static String hardwareKey(JsonNode env) {
        return text(env.path(KEYS).path(HARDWARE_KEY));
    }

    public List<String> softwareDifferences(EnvFile other) {
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
