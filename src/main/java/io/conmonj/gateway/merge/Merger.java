package io.conmonj.gateway.merge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Merges the monitors' expositions into one: one HELP and one TYPE per family (families sorted by name),
 * every sample with its own labels, plus {@code container}, {@code pod} and {@code namespace} taken from a
 * Kubernetes-form {@code container_name} label when the sample does not carry them already. A family whose
 * TYPE differs from the one first seen is left out for that monitor (a conflict), and a series already
 * written is not written twice (a duplicate), so the result always parses.
 */
public final class Merger {
    /** One monitor's metrics, named by its target id (the container id). */
    public record Source(String targetId, Exposition exposition) {
    }

    /** The merged text and what had to be left out. */
    public record Result(String text, int typeConflicts, int duplicateSeries) {
    }

    private static final class Merged {
        final String name;
        String help;
        final String type;
        final StringBuilder lines = new StringBuilder();
        final Set<String> series = new HashSet<>();

        Merged(String name, String type) {
            this.name = name;
            this.type = type;
        }
    }

    private Merger() {
    }

    public static Result merge(List<Source> sources, FamilyFilter filter) {
        Map<String, Merged> merged = new TreeMap<>();
        Map<String, List<Exposition.Label>> k8sLabels = new HashMap<>();
        int conflicts = 0;
        int duplicates = 0;
        StringBuilder key = new StringBuilder();
        for (Source source : sources) {
            for (Exposition.Family family : source.exposition().families()) {
                if (!filter.keeps(family.name())) {
                    continue;
                }
                Merged m = merged.get(family.name());
                if (m == null) {
                    m = new Merged(family.name(), family.type());
                    merged.put(family.name(), m);
                } else if (!m.type.equals(family.type())) {
                    conflicts++;
                    continue;
                }
                if (m.help == null) {
                    m.help = family.help();
                }
                for (Exposition.Sample sample : family.samples()) {
                    key.setLength(0);
                    key.append(sample.name()).append('{');
                    boolean first = true;
                    for (Exposition.Label l : sample.labels()) {
                        first = appendLabel(key, l, first);
                    }
                    for (Exposition.Label l : k8sLabels.computeIfAbsent(sample.label("container_name"), Merger::fromName)) {
                        if (sample.label(l.name()) == null) {
                            first = appendLabel(key, l, first);
                        }
                    }
                    key.append('}');
                    String series = key.toString();
                    if (!m.series.add(series)) {
                        duplicates++;
                        continue;
                    }
                    m.lines.append(series).append(' ').append(sample.value());
                    if (sample.timestamp() != null) {
                        m.lines.append(' ').append(sample.timestamp());
                    }
                    m.lines.append('\n');
                }
            }
        }
        StringBuilder out = new StringBuilder();
        for (Merged m : merged.values()) {
            if (m.help != null) {
                out.append("# HELP ").append(m.name).append(' ').append(Exposition.escapeHelp(m.help)).append('\n');
            }
            out.append("# TYPE ").append(m.name).append(' ').append(m.type).append('\n');
            out.append(m.lines);
        }
        return new Result(out.toString(), conflicts, duplicates);
    }

    private static boolean appendLabel(StringBuilder out, Exposition.Label label, boolean first) {
        if (!first) {
            out.append(',');
        }
        out.append(label.name()).append("=\"").append(Exposition.escapeLabel(label.value())).append('"');
        return false;
    }

    /** container, pod and namespace of a Kubernetes container name (none for other names). */
    public static List<Exposition.Label> fromName(String containerName) {
        KubernetesName k8s = KubernetesName.parse(containerName);
        if (k8s == null) {
            return List.of();
        }
        List<Exposition.Label> labels = new ArrayList<>(3);
        labels.add(new Exposition.Label("container", k8s.container()));
        labels.add(new Exposition.Label("pod", k8s.pod()));
        labels.add(new Exposition.Label("namespace", k8s.namespace()));
        return labels;
    }
}
