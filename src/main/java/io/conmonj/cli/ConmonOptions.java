package io.conmonj.cli;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * conmon's options as a picocli model: the single table of names, types and help texts.
 * {@link GOptionParser} fills it with GLib's parsing rules (reading the annotations through
 * {@link OptionTable}); after parsing it is only read.
 * Field types carry the GLib kind: boolean = flag, String = string, List = repeatable,
 * int = 32-bit integer, long = 64-bit integer.
 */
@Command(name = "conmon", description = "conmon utility")
@RegisterForReflection
public final class ConmonOptions {
    @Option(names = "--api-version", description = "Conmon API version to use")
    boolean apiVersion;
    @Option(names = {"-b", "--bundle"}, description = "Location of the OCI Bundle path")
    String bundle;
    @Option(names = {"-c", "--cid"}, description = "Identification of Container")
    String cid;
    @Option(names = {"-P", "--conmon-pidfile"}, description = "PID file for the conmon process")
    String conmonPidfile;
    @Option(names = {"-p", "--container-pidfile", "--pidfile"}, description = "PID file for the initial pid inside of container")
    String containerPidfile;
    @Option(names = {"-u", "--cuuid"}, description = "Container UUID")
    String cuuid;
    @Option(names = {"-e", "--exec"}, description = "Exec a command into a running container")
    boolean exec;
    @Option(names = "--exec-attach", description = "Attach to an exec session")
    boolean execAttach;
    @Option(names = "--exec-process-spec", description = "Path to the process spec for execution")
    String execProcessSpec;
    @Option(names = "--exit-command", description = "Path to the program to execute when the container terminates its execution")
    String exitCommand;
    @Option(names = "--exit-command-arg", description = "Additional arg to pass to the exit command.  Can be specified multiple times")
    List<String> exitCommandArgs = new ArrayList<>();
    @Option(names = "--exit-delay", description = "Delay before invoking the exit command (in seconds)")
    int exitDelay;
    @Option(names = "--exit-dir", description = "Path to the directory where exit files are written")
    String exitDir;
    @Option(names = "--leave-stdin-open", description = "Leave stdin open when attached client disconnects")
    boolean leaveStdinOpen;
    @Option(names = "--log-level", description = "Print debug logs based on log level")
    String logLevel;
    @Option(names = {"-l", "--log-path"}, description = "Log file path")
    List<String> logPaths = new ArrayList<>();
    @Option(names = "--log-size-max", description = "Maximum size of log file")
    long logSizeMax = -1;
    @Option(names = "--log-global-size-max", description = "Maximum size of all log files")
    long logGlobalSizeMax = -1;
    @Option(names = "--log-rotate", description = "Rotate log files instead of truncating them when --log-size-max is reached")
    boolean logRotate;
    @Option(names = "--log-max-files", description = "Number of rotated log files to keep (with --log-rotate)")
    int logMaxFiles = 1;
    @Option(names = "--log-allowlist-dir", description = "Directory in which log rotation may create files. Can be specified multiple times")
    List<String> logAllowlistDirs = new ArrayList<>();
    @Option(names = "--log-tag", description = "Additional tag to use for logging")
    String logTag;
    @Option(names = "--log-label", description = "Additional label (NAME=VALUE) to add to journald log entries. Can be specified multiple times")
    List<String> logLabels = new ArrayList<>();
    @Option(names = {"-n", "--name"}, description = "Container name")
    String name;
    @Option(names = "--no-new-keyring", description = "Do not create a new session keyring for the container")
    boolean noNewKeyring;
    @Option(names = "--no-pivot", description = "Do not use pivot_root")
    boolean noPivot;
    @Option(names = "--no-sync-log", description = "Do not manually call sync on logs after container shutdown")
    boolean noSyncLog;
    @Option(names = "--no-container-partial-message", description = "Do not set CONTAINER_PARTIAL_MESSAGE=true on partial lines sent to journald")
    boolean noContainerPartialMessage;
    @Option(names = {"-0", "--persist-dir"}, description = "Persistent directory for a container that can be used for storing container data")
    String persistDir;
    @Option(names = "--replace-listen-pid", description = "Replace listen pid if set for oci-runtime pid")
    boolean replaceListenPid;
    @Option(names = "--restore", description = "Restore a container from a checkpoint")
    String restore;
    @Option(names = {"-r", "--runtime"}, description = "Path to store runtime data for the container")
    String runtime;
    @Option(names = "--runtime-arg", description = "Additional arg to pass to the runtime. Can be specified multiple times")
    List<String> runtimeArgs = new ArrayList<>();
    @Option(names = {"--runtime-opt", "--restore-arg"}, description = "Additional opts to pass to the restore or exec command. Can be specified multiple times")
    List<String> runtimeOpts = new ArrayList<>();
    @Option(names = "--sdnotify-socket", description = "Path to the host's sd-notify socket to relay messages to")
    String sdnotifySocket;
    @Option(names = "--socket-dir-path", description = "Location of container attach sockets")
    String socketDirPath;
    @Option(names = {"-i", "--stdin"}, description = "Open up a pipe to pass stdin to the container")
    boolean stdin;
    @Option(names = "--sync", description = "Keep the main conmon process as its child by only forking once")
    boolean sync;
    @Option(names = "--syslog", description = "Log to syslog (use with cgroupfs cgroup manager)")
    boolean syslog;
    @Option(names = {"-s", "--systemd-cgroup"}, description = "Enable systemd cgroup manager, rather then use the cgroupfs directly")
    boolean systemdCgroup;
    @Option(names = {"-t", "--terminal"}, description = "Allocate a pseudo-TTY. The default is false")
    boolean terminal;
    @Option(names = {"-T", "--timeout"}, description = "Kill container after specified timeout in seconds.")
    int timeout;
    @Option(names = "--version", description = "Print the version and exit")
    boolean version;
    @Option(names = "--full-attach", description = "Don't truncate the path to the attach socket. This option causes conmon to ignore --socket-dir-path")
    boolean fullAttach;
    @Option(names = "--seccomp-notify-socket", description = "Path to the socket where the seccomp notification fd is received")
    String seccompNotifySocket;
    @Option(names = "--seccomp-notify-plugins", description = "Plugins to use for managing the seccomp notifications")
    String seccompNotifyPlugins;
    // conmonj's own options (conmon has no such names, so a caller written for conmon never sets them)
    @Option(names = "--http-socket", hidden = true, description = "Serve health, exit status and Prometheus metrics over HTTP on this unix socket")
    String httpSocket;
    @Option(names = "--http-socket-mode", hidden = true, description = "Permissions of the --http-socket file (default 0600; 0660 for group access)")
    int httpSocketMode = 0600;

    /** Adds a value to a repeatable option's list. */
    @SuppressWarnings("unchecked")
    void append(Field listField, String value) {
        try {
            ((List<String>) listField.get(this)).add(value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean apiVersion() { return apiVersion; }
    public String bundle() { return bundle; }
    public String cid() { return cid; }
    public String conmonPidfile() { return conmonPidfile; }
    public String containerPidfile() { return containerPidfile; }
    public String cuuid() { return cuuid; }
    public boolean exec() { return exec; }
    public boolean execAttach() { return execAttach; }
    public String execProcessSpec() { return execProcessSpec; }
    public String exitCommand() { return exitCommand; }
    public List<String> exitCommandArgs() { return List.copyOf(exitCommandArgs); }
    public int exitDelay() { return exitDelay; }
    public String exitDir() { return exitDir; }
    public boolean leaveStdinOpen() { return leaveStdinOpen; }
    public String logLevel() { return logLevel; }
    public List<String> logPaths() { return List.copyOf(logPaths); }
    public long logSizeMax() { return logSizeMax; }
    public long logGlobalSizeMax() { return logGlobalSizeMax; }
    public boolean logRotate() { return logRotate; }
    public int logMaxFiles() { return logMaxFiles; }
    public List<String> logAllowlistDirs() { return List.copyOf(logAllowlistDirs); }
    public String logTag() { return logTag; }
    public List<String> logLabels() { return List.copyOf(logLabels); }
    public String name() { return name; }
    public boolean noNewKeyring() { return noNewKeyring; }
    public boolean noPivot() { return noPivot; }
    public boolean noSyncLog() { return noSyncLog; }
    public boolean noContainerPartialMessage() { return noContainerPartialMessage; }
    public String persistDir() { return persistDir; }
    public boolean replaceListenPid() { return replaceListenPid; }
    public String restore() { return restore; }
    public String runtime() { return runtime; }
    public List<String> runtimeArgs() { return List.copyOf(runtimeArgs); }
    public List<String> runtimeOpts() { return List.copyOf(runtimeOpts); }
    public String sdnotifySocket() { return sdnotifySocket; }
    public String socketDirPath() { return socketDirPath; }
    public boolean stdin() { return stdin; }
    public boolean sync() { return sync; }
    public boolean syslog() { return syslog; }
    public boolean systemdCgroup() { return systemdCgroup; }
    public boolean terminal() { return terminal; }
    public int timeout() { return timeout; }
    public boolean version() { return version; }
    public boolean fullAttach() { return fullAttach; }
    public String httpSocket() { return httpSocket; }
    public int httpSocketMode() { return httpSocketMode; }
}
