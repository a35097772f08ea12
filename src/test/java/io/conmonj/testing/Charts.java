package io.conmonj.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.node.v1.RuntimeClass;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;

/** The Helm chart helm/conmonj rendered by Helm's own engine (helm-java) and parsed strictly into fabric8's model. */
public final class Charts {
    private Charts() {
    }

    public static final Path CHART = Path.of(System.getProperty("conmonj.project", ".")).toAbsolutePath().resolve("helm/conmonj");

    /** The API group/version and model class of every kind the chart may render. */
    private static final Map<String, Map.Entry<String, Class<? extends HasMetadata>>> KINDS = Map.of(
            "ServiceAccount", Map.entry("v1", ServiceAccount.class),
            "Service", Map.entry("v1", Service.class),
            "ConfigMap", Map.entry("v1", ConfigMap.class),
            "Pod", Map.entry("v1", Pod.class),
            "DaemonSet", Map.entry("apps/v1", DaemonSet.class),
            "RuntimeClass", Map.entry("node.k8s.io/v1", RuntimeClass.class),
            "ServiceMonitor", Map.entry("monitoring.coreos.com/v1", ServiceMonitor.class),
            "PodMonitor", Map.entry("monitoring.coreos.com/v1", PodMonitor.class));

    /** YAML into fabric8's model with no catch-all for unknown fields: one makes the parse fail. */
    public static final ObjectMapper STRICT = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .registerModule(new SimpleModule().setDeserializerModifier(new BeanDeserializerModifier() {
                @Override
                public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription description,
                                                             BeanDeserializerBuilder builder) {
                    builder.setAnySetter(null);
                    return builder;
                }
            }));

    public static String render(Map<String, Object> values) {
        TemplateCommand template = new Helm(CHART).template().withName("conmonj").withNamespace("monitoring");
        values.forEach(template::set);
        return template.call();
    }

    /** Every document of the rendered text, parsed strictly into its model class. */
    public static List<HasMetadata> parse(String rendered) throws Exception {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : rendered.split("(?m)^---\\s*$")) {
            JsonNode tree = STRICT.readTree(document);
            if (tree == null || tree.isNull() || tree.isEmpty()) {
                continue;
            }
            String kind = tree.path("kind").asText();
            Map.Entry<String, Class<? extends HasMetadata>> type = KINDS.get(kind);
            assertNotNull(type, "a kind the chart should not render: " + kind);
            assertEquals(type.getKey(), tree.path("apiVersion").asText(), kind);
            HasMetadata object = STRICT.treeToValue(tree, type.getValue());
            Map<String, String> labels = object.getMetadata().getLabels();
            assertEquals("conmonj", labels.get("app.kubernetes.io/name"), kind);
            assertEquals("conmonj", labels.get("app.kubernetes.io/instance"), kind);
            assertEquals("Helm", labels.get("app.kubernetes.io/managed-by"), kind);
            assertNotNull(labels.get("app.kubernetes.io/version"), kind);
            assertNotNull(labels.get("helm.sh/chart"), kind);
            objects.add(object);
        }
        return objects;
    }

    @SuppressWarnings("unchecked")
    public static <T> T only(List<HasMetadata> objects, Class<T> type, String nameSuffix) {
        List<HasMetadata> found = objects.stream().filter(type::isInstance)
                .filter(o -> o.getMetadata().getName().endsWith(nameSuffix)).toList();
        assertEquals(1, found.size(), type.getSimpleName() + " *" + nameSuffix + ": " + found);
        return (T) found.get(0);
    }
}
