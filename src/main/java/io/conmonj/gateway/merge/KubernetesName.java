package io.conmonj.gateway.merge;

/**
 * The parts of a container name of the form kubelet gives CRI-O's containers:
 * {@code k8s_<container>_<pod>_<namespace>_<uid>_<attempt>} (the pod's infra container is named
 * {@code POD}). None of the parts can hold an underscore (DNS labels and subdomains, a UID, a number),
 * so the name splits into exactly six parts or is not of that form.
 */
public record KubernetesName(String container, String pod, String namespace, String uid, int attempt) {
    /** The parts, or null when name is not a Kubernetes container name. */
    public static KubernetesName parse(String name) {
        if (name == null || !name.startsWith("k8s_")) {
            return null;
        }
        String[] parts = name.split("_", -1);
        if (parts.length != 6) {
            return null;
        }
        for (int i = 1; i < 5; i++) {
            if (parts[i].isEmpty()) {
                return null;
            }
        }
        int attempt;
        try {
            attempt = Integer.parseInt(parts[5]);
        } catch (NumberFormatException e) {
            return null;
        }
        if (attempt < 0) {
            return null;
        }
        return new KubernetesName(parts[1], parts[2], parts[3], parts[4], attempt);
    }
}
