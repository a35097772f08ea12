package io.conmonj.cli;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The values of conmon's options ({@link ConmonOption}) after parsing: filled by {@link GOptionParser}
 * with GLib's rules (the last string wins, arrays accumulate), only read afterwards. An option never
 * given has conmon's default.
 */
public final class ConmonOptions {
    private final Map<ConmonOption, Object> values = new EnumMap<>(ConmonOption.class);

    /** Sets a flag, a string or a number; adds to a repeatable option's list. */
    void set(ConmonOption option, Object value) {
        if (option.kind() == ConmonOption.Kind.STRINGS) {
            @SuppressWarnings("unchecked")
            List<String> list = (List<String>) values.get(option);
            if (list == null) {
                list = new ArrayList<>();
                values.put(option, list);
            }
            list.add((String) value);
        } else {
            values.put(option, value);
        }
    }

    private boolean flag(ConmonOption option) {
        return Boolean.TRUE.equals(values.get(option));
    }

    private String string(ConmonOption option) {
        return (String) values.get(option);
    }

    @SuppressWarnings("unchecked")
    private List<String> strings(ConmonOption option) {
        Object list = values.get(option);
        return list == null ? List.of() : List.copyOf((List<String>) list);
    }

    private long number(ConmonOption option, long defaultValue) {
        Object value = values.get(option);
        return value == null ? defaultValue : ((Number) value).longValue();
    }

    public boolean apiVersion() {
        return flag(ConmonOption.API_VERSION);
    }

    public String bundle() {
        return string(ConmonOption.BUNDLE);
    }

    public String cid() {
        return string(ConmonOption.CID);
    }

    public String conmonPidfile() {
        return string(ConmonOption.CONMON_PIDFILE);
    }

    public String containerPidfile() {
        return string(ConmonOption.CONTAINER_PIDFILE);
    }

    public String cuuid() {
        return string(ConmonOption.CUUID);
    }

    public boolean exec() {
        return flag(ConmonOption.EXEC);
    }

    public boolean execAttach() {
        return flag(ConmonOption.EXEC_ATTACH);
    }

    public String execProcessSpec() {
        return string(ConmonOption.EXEC_PROCESS_SPEC);
    }

    public String exitCommand() {
        return string(ConmonOption.EXIT_COMMAND);
    }

    public List<String> exitCommandArgs() {
        return strings(ConmonOption.EXIT_COMMAND_ARGS);
    }

    public int exitDelay() {
        return (int) number(ConmonOption.EXIT_DELAY, 0);
    }

    public String exitDir() {
        return string(ConmonOption.EXIT_DIR);
    }

    public boolean leaveStdinOpen() {
        return flag(ConmonOption.LEAVE_STDIN_OPEN);
    }

    public String logLevel() {
        return string(ConmonOption.LOG_LEVEL);
    }

    public List<String> logPaths() {
        return strings(ConmonOption.LOG_PATHS);
    }

    public long logSizeMax() {
        return number(ConmonOption.LOG_SIZE_MAX, -1);
    }

    public long logGlobalSizeMax() {
        return number(ConmonOption.LOG_GLOBAL_SIZE_MAX, -1);
    }

    public boolean logRotate() {
        return flag(ConmonOption.LOG_ROTATE);
    }

    public int logMaxFiles() {
        return (int) number(ConmonOption.LOG_MAX_FILES, 1);
    }

    public List<String> logAllowlistDirs() {
        return strings(ConmonOption.LOG_ALLOWLIST_DIRS);
    }

    public String logTag() {
        return string(ConmonOption.LOG_TAG);
    }

    public List<String> logLabels() {
        return strings(ConmonOption.LOG_LABELS);
    }

    public String name() {
        return string(ConmonOption.NAME);
    }

    public boolean noNewKeyring() {
        return flag(ConmonOption.NO_NEW_KEYRING);
    }

    public boolean noPivot() {
        return flag(ConmonOption.NO_PIVOT);
    }

    public boolean noSyncLog() {
        return flag(ConmonOption.NO_SYNC_LOG);
    }

    public boolean noContainerPartialMessage() {
        return flag(ConmonOption.NO_CONTAINER_PARTIAL_MESSAGE);
    }

    public String persistDir() {
        return string(ConmonOption.PERSIST_DIR);
    }

    public boolean replaceListenPid() {
        return flag(ConmonOption.REPLACE_LISTEN_PID);
    }

    public String restore() {
        return string(ConmonOption.RESTORE);
    }

    public String runtime() {
        return string(ConmonOption.RUNTIME);
    }

    public List<String> runtimeArgs() {
        return strings(ConmonOption.RUNTIME_ARGS);
    }

    public List<String> runtimeOpts() {
        return strings(ConmonOption.RUNTIME_OPTS);
    }

    public String sdnotifySocket() {
        return string(ConmonOption.SDNOTIFY_SOCKET);
    }

    public String socketDirPath() {
        return string(ConmonOption.SOCKET_DIR_PATH);
    }

    public boolean stdin() {
        return flag(ConmonOption.STDIN);
    }

    public boolean sync() {
        return flag(ConmonOption.SYNC);
    }

    public boolean syslog() {
        return flag(ConmonOption.SYSLOG);
    }

    public boolean systemdCgroup() {
        return flag(ConmonOption.SYSTEMD_CGROUP);
    }

    public boolean terminal() {
        return flag(ConmonOption.TERMINAL);
    }

    public int timeout() {
        return (int) number(ConmonOption.TIMEOUT, 0);
    }

    public boolean version() {
        return flag(ConmonOption.VERSION);
    }

    public boolean fullAttach() {
        return flag(ConmonOption.FULL_ATTACH);
    }

    public String httpSocket() {
        return string(ConmonOption.HTTP_SOCKET);
    }

    public int httpSocketMode() {
        return (int) number(ConmonOption.HTTP_SOCKET_MODE, 0600);
    }

    /** The options given, with their values (conmon's defaults are not listed). */
    @Override
    public String toString() {
        return values.toString();
    }
}
