package io.conmonj.sidecar;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.conmonj.diag.Diagnostics;
import io.conmonj.diag.FatalError;

/**
 * Where monitors serve their HTTP endpoint when the caller names no socket: a directory in which each
 * container's monitor serves {@code DIR/<cid>.sock}, the sockets' mode and group. podman passes it
 * through {@code conmon_env_vars}, CRI-O through a runtime handler's {@code monitor_env}; a node can set
 * it once in a config file instead.
 *
 * <p>Each value comes from the environment ({@value #DIR_ENV}, {@value #MODE_ENV}, {@value #GROUP_ENV})
 * or else from the config file ({@value #DEFAULT_CONFIG}, or the file {@value #CONFIG_ENV} names) with the
 * keys {@code http_socket_dir}, {@code http_socket_mode}, {@code http_socket_group}. {@code --http-socket}
 * (with {@code --http-socket-mode}) wins over both. Exec sessions get no endpoint from here.
 *
 * @param socketDir absolute directory of the sockets, or null (no endpoint unless --http-socket)
 * @param socketMode permissions of each socket file (0600, or 0660 when a group is given)
 * @param socketGroup the sockets' group, or null to keep the monitor's own
 */
public record EndpointConfig(Path socketDir, int socketMode, GroupPrincipal socketGroup) {
    public static final String DIR_ENV = "CONMONJ_HTTP_SOCKET_DIR";
    public static final String MODE_ENV = "CONMONJ_HTTP_SOCKET_MODE";
    public static final String GROUP_ENV = "CONMONJ_HTTP_SOCKET_GROUP";
    public static final String CONFIG_ENV = "CONMONJ_CONFIG";
    public static final String DEFAULT_CONFIG = "/etc/conmonj/conmonj.conf";
    /** The variables a monitor needs from its caller's environment to decide the same way. */
    public static final List<String> ENV_NAMES = List.of(DIR_ENV, MODE_ENV, GROUP_ENV, CONFIG_ENV);
    /** The longest path a unix socket's address holds (sun_path less its terminating NUL). */
    public static final int MAX_SOCKET_PATH = 107;

    /** Nothing configured: no endpoint unless --http-socket. */
    public static final EndpointConfig NONE = new EndpointConfig(null, 0600, null);

    private static final Map<String, String> KEYS = Map.of("http_socket_dir", DIR_ENV,
            "http_socket_mode", MODE_ENV, "http_socket_group", GROUP_ENV);

    /** Where one monitor serves: path, mode, group (null: unchanged); required when the caller asked for it. */
    public record Endpoint(Path path, int mode, GroupPrincipal group, boolean required) {
        /** Says that serving failed: an error when the caller asked for the socket, else a warning (the container goes on). */
        public void reportFailure(String message) {
            if (required) {
                Diagnostics.error(message);
            } else {
                Diagnostics.warn(message);
            }
        }
    }

    /** Reads the environment and the config file; bad values are fatal, in conmon's words. */
    public static EndpointConfig load(Map<String, String> env) {
        String explicit = env.get(CONFIG_ENV);
        Path file = Path.of(explicit != null && !explicit.isEmpty() ? explicit : DEFAULT_CONFIG);
        String text = null;
        boolean explicitFile = explicit != null && !explicit.isEmpty();
        if (!explicitFile && !new java.io.File(file.toString()).exists()
                && env.get(DIR_ENV) == null && env.get(MODE_ENV) == null && env.get(GROUP_ENV) == null) {
            return NONE; // the common case, on the path to the container's pid: no file, nothing set
        }
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            if (explicitFile) {
                throw FatalError.of("Failed to read " + CONFIG_ENV + " file " + file + ": No such file or directory");
            }
        } catch (IOException e) {
            throw FatalError.of("Failed to read config file " + file + ": " + e.getMessage());
        }
        return resolve(env, text == null ? Map.of() : parseFile(text, file.toString()), file.toString());
    }

    /**
     * The config file's entries as environment names: {@code key = value} lines, {@code #} comments, values
     * optionally in double quotes; an unknown key or a line without '=' is an error.
     */
    static Map<String, String> parseFile(String text, String fileName) {
        Map<String, String> values = new LinkedHashMap<>();
        int number = 0;
        for (String raw : text.split("\n", -1)) {
            number++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw FatalError.of(fileName + ":" + number + ": expected key = value, got \"" + line + "\"");
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            String variable = KEYS.get(key);
            if (variable == null) {
                throw FatalError.of(fileName + ":" + number + ": unknown key \"" + key
                        + "\" (known: http_socket_dir, http_socket_mode, http_socket_group)");
            }
            values.put(variable, value);
        }
        return values;
    }

    /** Each value from env if set there (non-empty), else from the file; checked. */
    static EndpointConfig resolve(Map<String, String> env, Map<String, String> file, String fileName) {
        String dir = pick(env, file, DIR_ENV);
        String mode = pick(env, file, MODE_ENV);
        String group = pick(env, file, GROUP_ENV);
        Path socketDir = null;
        if (dir != null) {
            if (!dir.startsWith("/")) {
                throw FatalError.of(where(env, DIR_ENV, fileName) + ": the socket directory must be an absolute path, got \""
                        + dir + "\"");
            }
            socketDir = Path.of(dir).normalize();
        }
        GroupPrincipal principal = null;
        if (group != null) {
            try {
                principal = FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByGroupName(group);
            } catch (IOException | UnsupportedOperationException e) {
                throw FatalError.of(where(env, GROUP_ENV, fileName) + ": unknown group \"" + group + "\"");
            }
        }
        int socketMode = principal != null ? 0660 : 0600;
        if (mode != null) {
            socketMode = parseMode(mode, where(env, MODE_ENV, fileName));
        }
        return new EndpointConfig(socketDir, socketMode, principal);
    }

    private static String pick(Map<String, String> env, Map<String, String> file, String name) {
        String value = env.get(name);
        if (value != null && !value.isEmpty()) {
            return value;
        }
        value = file.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    private static String where(Map<String, String> env, String name, String fileName) {
        String value = env.get(name);
        if (value != null && !value.isEmpty()) {
            return name;
        }
        return fileName + ": " + KEYS.entrySet().stream().filter(e -> e.getValue().equals(name))
                .map(Map.Entry::getKey).findFirst().orElse(name);
    }

    private static int parseMode(String text, String where) {
        try {
            int mode = Integer.parseInt(text, 8);
            if (mode >= 0 && mode <= 0777 && !text.startsWith("-") && !text.startsWith("+")) {
                return mode;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw FatalError.of(where + ": invalid socket mode \"" + text + "\" (octal permissions, e.g. 0660)");
    }

    /**
     * Where this monitor serves its endpoint, or null for none. {@code --http-socket} (explicitPath) wins, with
     * its own mode; else {@code DIR/<cid>.sock} for a container (never for an exec session).
     */
    public Endpoint endpointFor(String explicitPath, int explicitMode, String cid, boolean exec) {
        if (explicitPath != null) {
            return new Endpoint(Path.of(explicitPath), explicitMode, null, true);
        }
        if (socketDir == null || exec || cid == null || cid.isEmpty() || cid.contains("/") || cid.startsWith(".")) {
            return null;
        }
        return new Endpoint(socketDir.resolve(cid + ".sock"), socketMode, socketGroup, false);
    }
}
