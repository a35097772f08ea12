package io.conmonj.cli;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.conmonj.diag.FatalError;
import io.conmonj.log.LogConfig;
import io.conmonj.os.OsException;

/**
 * conmon's option checks, in its order and with its messages, as pure functions: nothing here sets
 * global state or creates a file. conmon interleaves them with side effects, so the caller runs the
 * stages in this order with its own steps between them:
 * <ol>
 * <li>{@link #checkEarly} (src/cli.c initialize_cli);</li>
 * <li>the caller configures diagnostics: level, syslog (src/utils.c set_conmon_logs);</li>
 * <li>{@link #validate} (the rest of src/cli.c process_cli, and parsing the log drivers);</li>
 * <li>the caller opens the k8s-file log (src/ctr_logging.c configure_log_drivers opens it here);</li>
 * <li>{@link #checkLogDrivers} (the rest of configure_log_drivers);</li>
 * <li>the caller prints the {@link #warnings}.</li>
 * </ol>
 */
public final class Validator {
    /** journald's short id length: the container id must be longer (src/ctr_logging.c TRUNC_ID_LEN). */
    private static final int TRUNC_ID_LEN = 12;

    private Validator() {
    }

    /** The checks conmon makes before anything else, printed without its "[conmon:e]" prefix. */
    public static void checkEarly(ConmonOptions o) {
        if (o.logMaxFiles() < 0) {
            throw FatalError.verbatim("conmon: log-max-files must be non-negative, got " + o.logMaxFiles());
        }
        if (o.logRotate() && o.logMaxFiles() == 0) {
            throw FatalError.verbatim("conmon: log-max-files must be at least 1 when log-rotate is enabled, got 0");
        }
        if (o.cid() == null) {
            throw FatalError.verbatim("conmon: Container ID not provided. Use --cid");
        }
    }

    /** The mode, runtime and exit checks, with conmon's defaults resolved against cwd. */
    public static Settings validate(ConmonOptions o, String cwd, FileAccess files) {
        if (o.exec() && o.restore() != null) {
            throw FatalError.of("Cannot use 'exec' and 'restore' at the same time");
        }
        if (o.execAttach() && !o.exec()) {
            throw FatalError.of("Attach can only be specified with exec");
        }
        if (o.execAttach() && !o.apiVersion()) {
            throw FatalError.of("Attach can only be specified for a non-legacy exec session");
        }
        if (o.cuuid() == null && (!o.exec() || o.apiVersion())) {
            throw FatalError.of("Container UUID not provided. Use --cuuid");
        }
        if (o.runtime() == null) {
            throw FatalError.of("Runtime path not provided. Use --runtime");
        }
        int errno = files.executable(o.runtime());
        if (errno != 0) {
            throw FatalError.withCause("Runtime path " + o.runtime() + " is not valid", OsException.describe(errno));
        }
        if (o.exec() && o.execProcessSpec() == null) {
            throw FatalError.of("Exec process spec path not provided. Use --exec-process-spec");
        }
        String bundle = o.bundle() == null && !o.exec() ? cwd : o.bundle();
        if (o.exitDelay() < 0) {
            throw FatalError.of("Delay before invoking exit command must be greater than or equal to 0");
        }
        String pidfile = o.containerPidfile() != null ? o.containerPidfile() : cwd + "/pidfile-" + o.cid();
        if (o.logPaths().isEmpty()) {
            throw FatalError.of("Log driver not provided. Use --log-path");
        }
        return new Settings(o, bundle, pidfile, LogConfig.parse(o.logPaths()));
    }

    /** What conmon checks of the log options once the k8s-file log is open. */
    public static void checkLogDrivers(Settings settings) {
        ConmonOptions o = settings.options();
        LogConfig log = settings.log();
        if (log.k8sFile() && !log.journald()) {
            if (o.logTag() != null) {
                throw FatalError.of("k8s-file doesn't support --log-tag");
            }
            if (!o.logLabels().isEmpty()) {
                throw FatalError.of("k8s-file doesn't support --log-label");
            }
        }
        if (log.journald()) {
            // strlen: bytes, not characters
            if (o.cid().getBytes(StandardCharsets.UTF_8).length <= TRUNC_ID_LEN) {
                throw FatalError.of("Container ID must be longer than 12 characters");
            }
            o.logLabels().forEach(Validator::checkLabel);
        }
    }

    /** The warnings conmon prints once the options are accepted. */
    public static List<String> warnings(Settings settings) {
        if (settings.options().noContainerPartialMessage() && !settings.log().journald()) {
            return List.of("--no-container-partial-message has no effect without journald log driver");
        }
        return List.of();
    }

    /** A journald field NAME=VALUE: a name of [A-Z0-9_], exactly one '='. */
    private static void checkLabel(String label) {
        if (label.startsWith("=")) {
            throw FatalError.of("Container labels must be in format LABEL=VALUE (no LABEL present in '" + label + "')");
        }
        if (label.chars().filter(c -> c == '=').count() != 1) {
            throw FatalError.of("Container labels must be in format LABEL=VALUE (none or more than one '=' present in '"
                    + label + "')");
        }
        String name = label.substring(0, label.indexOf('='));
        if (!name.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
            throw FatalError.of("Container label names must contain only uppercase letters, numbers and underscore (in '"
                    + label + "')");
        }
    }
}
