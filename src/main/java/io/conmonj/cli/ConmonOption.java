package io.conmonj.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * conmon's options, in the order of its option table (src/cli.c) and its --help: names, GLib kind and
 * help text. A plain table read at every monitor start: no annotations, no reflection.
 */
public enum ConmonOption {
    API_VERSION(Kind.FLAG, "Conmon API version to use", "--api-version"),
    BUNDLE(Kind.STRING, "Location of the OCI Bundle path", "-b", "--bundle"),
    CID(Kind.STRING, "Identification of Container", "-c", "--cid"),
    CONMON_PIDFILE(Kind.STRING, "PID file for the conmon process", "-P", "--conmon-pidfile"),
    CONTAINER_PIDFILE(Kind.STRING, "PID file for the initial pid inside of container", "-p", "--container-pidfile", "--pidfile"),
    CUUID(Kind.STRING, "Container UUID", "-u", "--cuuid"),
    EXEC(Kind.FLAG, "Exec a command into a running container", "-e", "--exec"),
    EXEC_ATTACH(Kind.FLAG, "Attach to an exec session", "--exec-attach"),
    EXEC_PROCESS_SPEC(Kind.STRING, "Path to the process spec for execution", "--exec-process-spec"),
    EXIT_COMMAND(Kind.STRING, "Path to the program to execute when the container terminates its execution", "--exit-command"),
    EXIT_COMMAND_ARGS(Kind.STRINGS, "Additional arg to pass to the exit command.  Can be specified multiple times", "--exit-command-arg"),
    EXIT_DELAY(Kind.INT, "Delay before invoking the exit command (in seconds)", "--exit-delay"),
    EXIT_DIR(Kind.STRING, "Path to the directory where exit files are written", "--exit-dir"),
    LEAVE_STDIN_OPEN(Kind.FLAG, "Leave stdin open when attached client disconnects", "--leave-stdin-open"),
    LOG_LEVEL(Kind.STRING, "Print debug logs based on log level", "--log-level"),
    LOG_PATHS(Kind.STRINGS, "Log file path", "-l", "--log-path"),
    LOG_SIZE_MAX(Kind.INT64, "Maximum size of log file", "--log-size-max"),
    LOG_GLOBAL_SIZE_MAX(Kind.INT64, "Maximum size of all log files", "--log-global-size-max"),
    LOG_ROTATE(Kind.FLAG, "Rotate log files instead of truncating them when --log-size-max is reached", "--log-rotate"),
    LOG_MAX_FILES(Kind.INT, "Number of rotated log files to keep (with --log-rotate)", "--log-max-files"),
    LOG_ALLOWLIST_DIRS(Kind.STRINGS, "Directory in which log rotation may create files. Can be specified multiple times", "--log-allowlist-dir"),
    LOG_TAG(Kind.STRING, "Additional tag to use for logging", "--log-tag"),
    LOG_LABELS(Kind.STRINGS, "Additional label (NAME=VALUE) to add to journald log entries. Can be specified multiple times", "--log-label"),
    NAME(Kind.STRING, "Container name", "-n", "--name"),
    NO_NEW_KEYRING(Kind.FLAG, "Do not create a new session keyring for the container", "--no-new-keyring"),
    NO_PIVOT(Kind.FLAG, "Do not use pivot_root", "--no-pivot"),
    NO_SYNC_LOG(Kind.FLAG, "Do not manually call sync on logs after container shutdown", "--no-sync-log"),
    NO_CONTAINER_PARTIAL_MESSAGE(Kind.FLAG, "Do not set CONTAINER_PARTIAL_MESSAGE=true on partial lines sent to journald", "--no-container-partial-message"),
    PERSIST_DIR(Kind.STRING, "Persistent directory for a container that can be used for storing container data", "-0", "--persist-dir"),
    REPLACE_LISTEN_PID(Kind.FLAG, "Replace listen pid if set for oci-runtime pid", "--replace-listen-pid"),
    RESTORE(Kind.STRING, "Restore a container from a checkpoint", "--restore"),
    RUNTIME(Kind.STRING, "Path to store runtime data for the container", "-r", "--runtime"),
    RUNTIME_ARGS(Kind.STRINGS, "Additional arg to pass to the runtime. Can be specified multiple times", "--runtime-arg"),
    RUNTIME_OPTS(Kind.STRINGS, "Additional opts to pass to the restore or exec command. Can be specified multiple times", "--runtime-opt", "--restore-arg"),
    SDNOTIFY_SOCKET(Kind.STRING, "Path to the host's sd-notify socket to relay messages to", "--sdnotify-socket"),
    SOCKET_DIR_PATH(Kind.STRING, "Location of container attach sockets", "--socket-dir-path"),
    STDIN(Kind.FLAG, "Open up a pipe to pass stdin to the container", "-i", "--stdin"),
    SYNC(Kind.FLAG, "Keep the main conmon process as its child by only forking once", "--sync"),
    SYSLOG(Kind.FLAG, "Log to syslog (use with cgroupfs cgroup manager)", "--syslog"),
    SYSTEMD_CGROUP(Kind.FLAG, "Enable systemd cgroup manager, rather then use the cgroupfs directly", "-s", "--systemd-cgroup"),
    TERMINAL(Kind.FLAG, "Allocate a pseudo-TTY. The default is false", "-t", "--terminal"),
    TIMEOUT(Kind.INT, "Kill container after specified timeout in seconds.", "-T", "--timeout"),
    VERSION(Kind.FLAG, "Print the version and exit", "--version"),
    FULL_ATTACH(Kind.FLAG, "Don't truncate the path to the attach socket. This option causes conmon to ignore --socket-dir-path", "--full-attach"),
    SECCOMP_NOTIFY_SOCKET(Kind.STRING, "Path to the socket where the seccomp notification fd is received", "--seccomp-notify-socket"),
    SECCOMP_NOTIFY_PLUGINS(Kind.STRING, "Plugins to use for managing the seccomp notifications", "--seccomp-notify-plugins"),
    HTTP_SOCKET(Kind.STRING, Help.HIDDEN, "Serve health, exit status and Prometheus metrics over HTTP on this unix socket", "--http-socket"),
    HTTP_SOCKET_MODE(Kind.INT, Help.HIDDEN, "Permissions of the --http-socket file (default 0600; 0660 for group access)", "--http-socket-mode");

    /** How GLib reads the option's value (G_OPTION_ARG_NONE, _STRING, _STRING_ARRAY, _INT, _INT64). */
    public enum Kind {
        FLAG, STRING, STRINGS, INT, INT64
    }

    /** Whether --help lists the option: conmonj's own options are accepted but kept out of conmon's help. */
    enum Help {
        LISTED, HIDDEN
    }

    private static final Map<String, ConmonOption> LONG_NAMES = new HashMap<>();
    private static final Map<Character, ConmonOption> SHORT_NAMES = new HashMap<>();

    static {
        for (ConmonOption option : values()) {
            for (String name : option.names) {
                if (name.startsWith("--")) {
                    LONG_NAMES.put(name.substring(2), option);
                } else {
                    SHORT_NAMES.put(name.charAt(1), option);
                }
            }
        }
    }

    private final Kind kind;
    private final boolean hidden;
    private final String description;
    private final List<String> names;

    ConmonOption(Kind kind, String description, String... names) {
        this(kind, Help.LISTED, description, names);
    }

    ConmonOption(Kind kind, Help help, String description, String... names) {
        this.kind = kind;
        this.hidden = help == Help.HIDDEN;
        this.description = description;
        this.names = List.of(names);
    }

    /** The option named {@code --name}, or null. */
    static ConmonOption byLongName(String name) {
        return LONG_NAMES.get(name);
    }

    /** The option named {@code -letter}, or null. */
    static ConmonOption byShortName(char letter) {
        return SHORT_NAMES.get(letter);
    }

    public Kind kind() {
        return kind;
    }

    public boolean isFlag() {
        return kind == Kind.FLAG;
    }

    public boolean hidden() {
        return hidden;
    }

    public String description() {
        return description;
    }

    /** Every name, short ones as {@code -x}, long ones as {@code --name}. */
    public List<String> names() {
        return names;
    }

    String firstShort() {
        return names.stream().filter(n -> !n.startsWith("--")).findFirst().orElse(null);
    }

    String firstLong() {
        return names.stream().filter(n -> n.startsWith("--")).findFirst().orElse(null);
    }
}
