package io.conmonj.log;

import java.util.List;

import io.conmonj.diag.FatalError;

/**
 * Which log drivers the container output goes to, from the {@code -l} values (docs/behaviour.md §11.1).
 * {@code k8sFilePath} is null when no k8s-file log is configured.
 */
public record LogConfig(String k8sFilePath, boolean journald, boolean passthrough) {

    /** Parses every -l value with conmon's strtok rules; the last k8s-file path wins. */
    public static LogConfig parse(List<String> values) {
        String k8s = null;
        boolean journald = false;
        boolean passthrough = false;
        for (String value : values) {
            String[] tokens = tokens(value);
            if (tokens.length == 0) {
                throw FatalError.of("log-path must not be empty");
            }
            String driver = tokens[0];
            String path = tokens.length > 1 ? tokens[1] : null;
            if (value.startsWith(":") && path == null) {
                k8s = driver; // ":name" is a k8s-file path; ":a:b" names driver a, as in conmon
                continue;
            }
            if (driver.equals("off") || driver.equals("null") || driver.equals("none")) {
                continue; // a no-op: other drivers given still log
            }
            if (driver.equals("passthrough")) {
                passthrough = true;
            } else if (driver.equals("journald")) {
                journald = true;
            } else if (driver.equals("k8s-file")) {
                if (path == null) {
                    throw FatalError.of("k8s-file requires a filename");
                }
                k8s = path;
            } else if (value.indexOf(':') < 0) {
                k8s = value;
            } else {
                throw FatalError.of("No such log driver " + driver);
            }
        }
        return new LogConfig(k8s, journald, passthrough);
    }

    /** strtok(value, ":"): the non-empty pieces between colons. */
    private static String[] tokens(String value) {
        return java.util.Arrays.stream(value.split(":")).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }

    public boolean k8sFile() {
        return k8sFilePath != null;
    }
}
