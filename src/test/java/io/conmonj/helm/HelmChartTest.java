package io.conmonj.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;

import io.conmonj.testing.Charts;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.node.v1.RuntimeClass;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;

/**
 * The chart (helm/conmonj) through Helm's own engine (helm-java): lint and template for the default
 * values and each toggle; every rendered manifest parses strictly with fabric8's Kubernetes model (an
 * unknown field fails, as kubectl's strict field validation would); the schema refuses bad values.
 */
class HelmChartTest {
    @TempDir
    Path tmp;

    static Stream<Arguments> toggles() {
        return Stream.of(
                Arguments.of("defaults", Map.of()),
                Arguments.of("installer", Map.of("installer.enabled", true)),
                Arguments.of("installer without reload, own runtime",
                        Map.of("installer.enabled", true, "installer.crio.reload", false, "installer.crio.runtimePath",
                                "/usr/bin/crun", "installer.runtimeClass.create", false)),
                Arguments.of("serviceMonitor", Map.of("serviceMonitor.enabled", true, "serviceMonitor.sampleLimit", 5000)),
                Arguments.of("podMonitor", Map.of("podMonitor.enabled", true, "service.enabled", false)),
                Arguments.of("socket group", Map.of("socketGroup.gid", 2345)),
                Arguments.of("tls", Map.of("gateway.tls.enabled", true, "gateway.tls.secretName", "conmonj-tls",
                        "serviceMonitor.enabled", true)),
                Arguments.of("host network", Map.of("hostNetwork", true, "gateway.javaOpts", "-Xmx48m")),
                Arguments.of("no tests", Map.of("tests.enabled", false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("toggles")
    void everyToggleRendersStrictlyValidManifests(String name, Map<String, Object> values) throws Exception {
        List<HasMetadata> objects = Charts.parse(Charts.render(values));
        DaemonSet gateway = Charts.only(objects, DaemonSet.class, "conmonj");
        PodSpec pod = gateway.getSpec().getTemplate().getSpec();
        Container c = pod.getContainers().get(0);
        assertEquals("linux", pod.getNodeSelector().get("kubernetes.io/os"));
        assertFalse(pod.getTolerations().isEmpty(), "tolerations");
        assertEquals("/livez", c.getLivenessProbe().getHttpGet().getPath());
        assertEquals("/readyz", c.getReadinessProbe().getHttpGet().getPath());
        assertTrue(c.getSecurityContext().getReadOnlyRootFilesystem());
        assertFalse(c.getSecurityContext().getAllowPrivilegeEscalation());
        assertEquals(List.of("ALL"), c.getSecurityContext().getCapabilities().getDrop());
        assertEquals("RuntimeDefault", c.getSecurityContext().getSeccompProfile().getType());
        assertNotNull(c.getResources().getRequests().get("memory"));
        VolumeMount sockets = c.getVolumeMounts().stream().filter(m -> m.getName().equals("sockets")).findFirst().orElseThrow();
        assertTrue(sockets.getReadOnly(), "the socket directory is mounted read-only");
        assertEquals("/run/conmonj", pod.getVolumes().stream().filter(v -> v.getName().equals("sockets")).findFirst()
                .orElseThrow().getHostPath().getPath());
        assertTrue(c.getArgs().contains("--socket-dir=/run/conmonj"), c.getArgs().toString());
        if (values.containsKey("socketGroup.gid")) {
            assertTrue(pod.getSecurityContext().getRunAsNonRoot());
            assertEquals(List.of(2345L), pod.getSecurityContext().getSupplementalGroups());
        } else {
            assertEquals(0L, pod.getSecurityContext().getRunAsUser(), "root (capability-less) reads 0600 sockets");
        }
        boolean installer = Boolean.TRUE.equals(values.get("installer.enabled"));
        assertEquals(installer ? 2 : 1, objects.stream().filter(DaemonSet.class::isInstance).count());
        if (installer) {
            installer(objects, values);
        }
        boolean tls = values.containsKey("gateway.tls.enabled");
        assertEquals(tls ? "HTTPS" : "HTTP", c.getLivenessProbe().getHttpGet().getScheme());
        assertEquals(tls, c.getArgs().contains("--tls-cert=/etc/conmonj/tls/tls.crt"));
        if (values.containsKey("serviceMonitor.enabled")) {
            ServiceMonitor sm = Charts.only(objects, ServiceMonitor.class, "conmonj");
            assertEquals("http-metrics", sm.getSpec().getEndpoints().get(0).getPort());
            assertEquals("10s", sm.getSpec().getEndpoints().get(0).getScrapeTimeout());
            assertTrue(sm.getSpec().getEndpoints().get(0).getHonorLabels());
            assertEquals(tls ? "https" : "http", sm.getSpec().getEndpoints().get(0).getScheme());
        }
        if (values.containsKey("podMonitor.enabled")) {
            PodMonitor pm = Charts.only(objects, PodMonitor.class, "conmonj");
            assertEquals("http-metrics", pm.getSpec().getPodMetricsEndpoints().get(0).getPort());
            assertTrue(objects.stream().noneMatch(Service.class::isInstance));
        }
        assertTrue(objects.stream().noneMatch(Pod.class::isInstance), "the helm test pod is a hook, not rendered");
    }

    private void installer(List<HasMetadata> objects, Map<String, Object> values) throws Exception {
        DaemonSet ds = Charts.only(objects, DaemonSet.class, "-installer");
        PodSpec pod = ds.getSpec().getTemplate().getSpec();
        Container c = pod.getContainers().get(0);
        boolean reload = !Boolean.FALSE.equals(values.get("installer.crio.reload"));
        assertEquals(reload, Boolean.TRUE.equals(pod.getHostPID()), "hostPID only to signal crio");
        assertEquals(List.of("ALL"), c.getSecurityContext().getCapabilities().getDrop());
        assertEquals(reload ? List.of("KILL") : List.of(), c.getSecurityContext().getCapabilities().getAdd());
        assertTrue(c.getSecurityContext().getReadOnlyRootFilesystem());
        ConfigMap config = Charts.only(objects, ConfigMap.class, "-installer");
        String dropIn = config.getData().get("crio-dropin.conf");
        assertTrue(dropIn.contains("[crio.runtime.runtimes.conmonj]"), dropIn);
        assertTrue(dropIn.contains("monitor_path = \"/opt/conmonj/bin/conmonj\""), dropIn);
        assertTrue(dropIn.contains("\"CONMONJ_HTTP_SOCKET_DIR=/run/conmonj\","), dropIn);
        assertEquals(!values.containsKey("installer.crio.runtimePath"), dropIn.contains("inherit_default_runtime = true"), dropIn);
        Path script = tmp.resolve("install.sh");
        Files.writeString(script, config.getData().get("install.sh"));
        Process check = new ProcessBuilder("sh", "-n", script.toString()).redirectErrorStream(true).start();
        assertEquals(0, check.waitFor(), new String(check.getInputStream().readAllBytes()));
        boolean runtimeClass = !values.containsKey("installer.runtimeClass.create");
        assertEquals(runtimeClass, objects.stream().anyMatch(RuntimeClass.class::isInstance));
        if (runtimeClass) {
            assertEquals("conmonj", Charts.only(objects, RuntimeClass.class, "conmonj").getHandler());
        }
    }

    @Test
    void helmLintPassesForTheDefaultsAndEachToggle() throws Exception {
        LintResult defaults = new Helm(Charts.CHART).lint().strict().call();
        assertFalse(defaults.isFailed(), String.join("\n", defaults.getMessages()));
        // lint has no --set here: a copy of the chart per toggle, its values.yaml edited
        Map<String, String[]> edits = new LinkedHashMap<>();
        edits.put("installer", new String[] {"installer:\n  enabled: false", "installer:\n  enabled: true"});
        edits.put("serviceMonitor", new String[] {"serviceMonitor:\n  enabled: false", "serviceMonitor:\n  enabled: true"});
        edits.put("podMonitor", new String[] {"podMonitor:\n  enabled: false", "podMonitor:\n  enabled: true"});
        edits.put("socketGroup", new String[] {"  gid: null", "  gid: 2345"});
        for (Map.Entry<String, String[]> edit : edits.entrySet()) {
            Path copy = tmp.resolve(edit.getKey()).resolve("conmonj");
            copyTree(Charts.CHART, copy);
            String valuesYaml = Files.readString(copy.resolve("values.yaml"));
            assertTrue(valuesYaml.contains(edit.getValue()[0]), edit.getKey());
            Files.writeString(copy.resolve("values.yaml"), valuesYaml.replace(edit.getValue()[0], edit.getValue()[1]));
            LintResult r = new Helm(copy).lint().strict().call();
            assertFalse(r.isFailed(), edit.getKey() + ": " + String.join("\n", r.getMessages()));
        }
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("gateway.port", "http"),
                Arguments.of("gateway.port", 70000),
                Arguments.of("gateway.targetTimeout", "2 seconds"),
                Arguments.of("socketDir", "run/conmonj"),
                Arguments.of("serviceMonitor.interval", "often"),
                Arguments.of("installer.crio.handler", "Conmon_J"),
                Arguments.of("image.pullPolicy", "Sometimes"),
                Arguments.of("gatway.port", 9478));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badValues")
    void theSchemaRejectsABadValue(String key, Object value) {
        Exception e = assertThrows(Exception.class, () -> Charts.render(Map.of(key, value)));
        assertTrue(e.getMessage().contains("schema"), e.getMessage());
    }

    @Test
    void theHelmTestPodAsksTheServiceForReadinessAndMetrics() throws Exception {
        // helm-java's template leaves hooks out: render a copy whose test pod is not a hook
        Path copy = tmp.resolve("tests").resolve("conmonj");
        copyTree(Charts.CHART, copy);
        Path test = copy.resolve("templates/tests/test-connection.yaml");
        String text = Files.readString(test);
        assertTrue(text.contains("helm.sh/hook: test"));
        Files.writeString(test, text.replace("helm.sh/hook: test", "conmonj.io/was-hook: test"));
        String rendered = new Helm(copy).template().withName("conmonj").withNamespace("monitoring").call();
        Pod pod = Charts.only(Charts.parse(rendered), Pod.class, "-test");
        String script = String.join(" ", pod.getSpec().getContainers().get(0).getCommand());
        assertTrue(script.contains("base=http://conmonj.monitoring.svc:9478\n"), script);
        assertTrue(script.contains("\"$base/readyz\"") && script.contains("\"$base/metrics\""), script);
        assertTrue(pod.getSpec().getSecurityContext().getRunAsNonRoot());
        assertEquals("Never", pod.getSpec().getRestartPolicy());
    }

    @Test
    void strictParsingFailsOnAnUnknownField() {
        String typo = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: x\n  labels: {}\nspec:\n  template:\n"
                + "    spec:\n      containers:\n        - name: c\n          imagePullPolcy: Always\n";
        Exception e = assertThrows(Exception.class, () -> Charts.STRICT.readValue(typo, DaemonSet.class));
        assertTrue(e.getMessage().contains("imagePullPolcy"), e.getMessage());
    }

    @Test
    void tlsWithoutASecretIsRefused() {
        Exception e = assertThrows(Exception.class, () -> Charts.render(Map.of("gateway.tls.enabled", true)));
        assertTrue(e.getMessage().contains("gateway.tls.secretName is required"), e.getMessage());
    }
}
