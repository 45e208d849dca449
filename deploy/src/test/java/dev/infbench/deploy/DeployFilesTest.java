package dev.infbench.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The lab's nightly jobs as the engines would read them: every Kubernetes manifest under {@code deploy/kubernetes/}
 * against the Kubernetes object model (fabric8's model classes; a field the model does not know is an error, as a
 * misspelt field silently ignored by an old {@code kubectl} would be), and the rules that make a benchmark pod
 * honest; the GitHub Actions workflow against the keys Actions requires and the rules of a benchmark night.
 */
class DeployFilesTest {
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path ROOT = MODULE.getParent();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static List<Path> manifests() throws IOException {
        try (Stream<Path> files = Files.list(MODULE.resolve("kubernetes"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void everyManifestIsAJobOfTheKubernetesObjectModelWithNoUnknownField() throws Exception {
        List<Path> manifests = manifests();
        assertThat(manifests).as("a manifest per CPU node type at least").hasSizeGreaterThanOrEqualTo(2);
        for (Path file : manifests) {
            Job job = YAML.readValue(file.toFile(), Job.class);
            assertThat(job.getApiVersion()).as(file.toString()).isEqualTo("batch/v1");
            assertThat(job.getKind()).as(file.toString()).isEqualTo("Job");
            assertThat(job.getMetadata().getName()).as(file.toString()).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
            assertThat(unknownFields(job, "")).as(file + ": fields the Kubernetes object model does not know")
                    .isEmpty();
        }
    }

    @Test
    void eachJobTakesItsWholeNodeRunsOnceAndKeepsItsRunFolder() throws Exception {
        for (Path file : manifests()) {
            Job job = YAML.readValue(file.toFile(), Job.class);
            String what = file.getFileName().toString();
            // A failed night is looked at, not retried into the next one.
            assertThat(job.getSpec().getBackoffLimit()).as(what).isZero();
            assertThat(job.getSpec().getActiveDeadlineSeconds()).as(what).isPositive();
            PodSpec pod = job.getSpec().getTemplate().getSpec();
            assertThat(pod.getRestartPolicy()).as(what).isEqualTo("Never");
            // One node type, which the file's name says.
            String nodeType = pod.getNodeSelector().get("infbench/node-type");
            assertThat(what).as("named after its node type").isEqualTo("nightly-" + nodeType + ".yaml");
            // No second benchmark pod on the node: a lock in this pod's /tmp cannot see it.
            Map<String, String> labels = job.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(pod.getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution())
                    .as(what).anySatisfy(term -> {
                        assertThat(term.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
                        assertThat(labels).containsAllEntriesOf(term.getLabelSelector().getMatchLabels());
                    });
            // Nothing else on the node: it is tainted for benchmarks, and only they tolerate it.
            assertThat(pod.getTolerations()).as(what).anySatisfy(t -> {
                assertThat(t.getKey()).isEqualTo("infbench/dedicated");
                assertThat(t.getEffect()).isEqualTo("NoSchedule");
            });
            assertThat(pod.getContainers()).as(what).hasSize(1);
            Container c = pod.getContainers().get(0);
            // Guaranteed QoS: whole cores under the static CPU manager, no neighbour borrowing them.
            Map<String, Quantity> requests = c.getResources().getRequests();
            Map<String, Quantity> limits = c.getResources().getLimits();
            assertThat(requests).as(what).containsKeys("cpu", "memory");
            assertThat(limits).as(what).isEqualTo(requests);
            assertThat(Quantity.getAmountInBytes(requests.get("cpu")).stripTrailingZeros().scale())
                    .as(what + ": whole cores").isLessThanOrEqualTo(0);
            // The night is the suite's own script, and its run folders land on the results volume.
            assertThat(c.getCommand()).as(what).singleElement().asString().endsWith("scripts/nightly.sh");
            List<String> args = c.getArgs();
            assertThat(args).as(what).contains("--home", "--no-build");
            String home = args.get(args.indexOf("--home") + 1);
            assertThat(c.getVolumeMounts()).as(what).anySatisfy(m -> {
                assertThat(home).startsWith(m.getMountPath() + "/");
                assertThat(pod.getVolumes()).anySatisfy(v -> {
                    assertThat(v.getName()).isEqualTo(m.getName());
                    assertThat(v.getPersistentVolumeClaim()).isNotNull();
                });
            });
            assertThat(home).as(what + ": one home per node type").endsWith("/" + nodeType);
        }
    }

    @Test
    void theWorkflowRunsNightlyOnLabelledSelfHostedRunnersAndMergesTheirRuns() throws Exception {
        Path file = ROOT.resolve(".github/workflows/nightly.yml");
        JsonNode wf = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        assertThat(wf.path("name").asText()).isNotBlank();
        JsonNode on = wf.path("on");
        // Triggered by the schedule or by hand, never on every push: a benchmark night is not a build check.
        assertThat(on.has("schedule")).isTrue();
        assertThat(on.path("schedule").get(0).path("cron").asText()).matches("(\\S+ ){4}\\S+");
        assertThat(on.has("workflow_dispatch")).isTrue();
        assertThat(on.has("push")).isFalse();
        assertThat(on.has("pull_request")).isFalse();
        JsonNode jobs = wf.path("jobs");
        assertThat(jobs.isObject() && jobs.size() > 0).isTrue();
        jobs.fields().forEachRemaining(e -> {
            JsonNode job = e.getValue();
            assertThat(job.has("runs-on")).as(e.getKey() + " runs-on").isTrue();
            assertThat(job.path("steps").isArray() && job.path("steps").size() > 0).as(e.getKey() + " steps")
                    .isTrue();
            job.path("steps").forEach(step -> assertThat(step.has("uses") ^ step.has("run"))
                    .as(e.getKey() + ": a step has uses or run: " + step).isTrue());
        });
        JsonNode night = jobs.path("night");
        List<String> runsOn = new ArrayList<>();
        night.path("runs-on").forEach(l -> runsOn.add(l.asText()));
        assertThat(runsOn).contains("self-hosted", "${{ matrix.machine }}");
        assertThat(night.path("strategy").path("matrix").path("machine").size()).isGreaterThanOrEqualTo(1);
        assertThat(night.path("strategy").path("fail-fast").asBoolean(true)).as("one machine's failure keeps the"
                + " others' nights").isFalse();
        assertThat(night.path("concurrency").path("group").asText()).contains("${{ matrix.machine }}");
        String steps = night.path("steps").toString();
        assertThat(steps).contains("scripts/nightly.sh").contains("--export night-run")
                .contains("actions/upload-artifact");
        JsonNode upload = stepUsing(night, "actions/upload-artifact");
        assertThat(upload.path("if").asText()).as("the run folder is uploaded when the night fails too")
                .isEqualTo("always()");
        assertThat(upload.path("with").path("path").asText()).startsWith("night-run");
        JsonNode merge = jobs.path("merge");
        assertThat(merge.path("needs").asText()).isEqualTo("night");
        assertThat(merge.path("steps").toString()).contains("actions/download-artifact")
                .contains("harness.jar merge");
        assertThat(Files.readString(ROOT.resolve("scripts/nightly.sh"))).contains("--export)");
    }

    private static JsonNode stepUsing(JsonNode job, String action) {
        for (JsonNode step : job.path("steps")) {
            if (step.path("uses").asText().startsWith(action)) {
                return step;
            }
        }
        throw new AssertionError("no step uses " + action);
    }

    /**
     * The paths of every model object under {@code value} whose {@code additionalProperties} are not empty: fabric8
     * keeps fields it does not know there instead of failing.
     */
    private static List<String> unknownFields(Object value, String path) throws Exception {
        List<String> found = new ArrayList<>();
        walk(value, path, found, new IdentityHashMap<>());
        return found;
    }

    private static void walk(Object value, String path, List<String> found, Map<Object, Boolean> seen)
            throws Exception {
        if (value == null || seen.put(value, true) != null) {
            return;
        }
        if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                walk(item, path + "[" + i++ + "]", found, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                walk(e.getValue(), path + "." + e.getKey(), found, seen);
            }
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method m : value.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || !m.getName().startsWith("get") || m.getName().equals("getClass")) {
                continue;
            }
            Object child = m.invoke(value);
            if (m.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(k -> found.add(path + "." + k));
                }
                continue;
            }
            walk(child, path + "." + decapitalize(m.getName().substring(3)), found, seen);
        }
    }

    private static String decapitalize(String name) {
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
