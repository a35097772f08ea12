package io.conmonj.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import io.conmonj.diag.Diagnostics;
import io.conmonj.diag.FatalError;
import io.conmonj.diag.LogLevel;
import io.conmonj.log.K8sFileLog;
import io.conmonj.log.LogConfig;
import io.conmonj.os.OsException;
import io.conmonj.os.Posix;

/** conmon's option checks in its order and with its messages (spec §2.3); throws FatalError. */
public final class Validator {
    private Validator() {
    }

    /**
     * Validates and resolves the options. With {@code createLog} the k8s-file log is created
     * (or opened) as conmon does before anything else can fail later.
     */
    public static Settings validate(ConmonOptions o, String cwd, boolean createLog) {
        if (o.logMaxFiles() < 0) {
            throw FatalError.verbatim("conmon: log-max-files must be non-negative, got " + o.logMaxFiles());
        }
        if (o.logRotate() && o.logMaxFiles() == 0) {
            throw FatalError.verbatim("conmon: log-max-files must be at least 1 when log-rotate is enabled, got 0");
        }
        if (o.cid() == null) {
            throw FatalError.verbatim("conmon: Container ID not provided. Use --cid");
        }
        LogLevel level = LogLevel.WARN;
        if (o.logLevel() != null) {
            level = LogLevel.parse(o.logLevel())
                    .orElseThrow(() -> FatalError.formatted("No such log level " + o.logLevel()));
        }
        Diagnostics.setLevel(level);
        if (o.syslog()) {
            Diagnostics.enableSyslog(o.cid(), o.logTag());
        }
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
        checkExecutable(o.runtime());
        if (o.exec() && o.execProcessSpec() == null) {
            throw FatalError.of("Exec process spec path not provided. Use --exec-process-spec");
        }
        String bundle = o.bundle() == null && !o.exec() ? cwd : o.bundle();
        if (o.exitDelay() < 0) {
            throw FatalError.of("Delay before invoking exit command must be greater than or equal to 0");
        }
        String pidfile = o.containerPidfile() != null ? o.containerPidfile() : cwd + "/pidfile-" + o.cid();
        LogConfig log = configureLogs(o, createLog);
        if (o.noContainerPartialMessage() && !log.journald()) {
            Diagnostics.warn("--no-container-partial-message has no effect without journald log driver");
        }
        return new Settings(o, bundle, pidfile, log, level);
    }

    private static void checkExecutable(String runtime) {
        Path path = Path.of(runtime);
        if (!Files.exists(path)) {
            throw FatalError.withCause("Runtime path " + runtime + " is not valid", "No such file or directory");
        }
        if (!Files.isExecutable(path)) {
            throw FatalError.withCause("Runtime path " + runtime + " is not valid", "Permission denied");
        }
    }

    private static LogConfig configureLogs(ConmonOptions o, boolean createLog) {
        if (o.logPaths().isEmpty()) {
            throw FatalError.of("Log driver not provided. Use --log-path");
        }
        LogConfig log = LogConfig.parse(o.logPaths());
        if (log.journald() && o.cid().length() <= 12) {
            throw FatalError.formatted("Container ID must be longer than 12 characters");
        }
        if (o.logTag() != null && log.k8sFile() && !log.journald()) {
            throw FatalError.formatted("k8s-file doesn't support --log-tag");
        }
        if (!o.logLabels().isEmpty() && log.k8sFile() && !log.journald()) {
            throw FatalError.formatted("k8s-file doesn't support --log-label");
        }
        for (String label : o.logLabels()) {
            checkLabel(label);
        }
        if (createLog && log.k8sFile()) {
            try {
                K8sFileLog.createIfMissing(Posix.get(), log.k8sFilePath());
            } catch (OsException e) {
                throw FatalError.withCause("Failed to open log file", e.strerror());
            }
        }
        return log;
    }

    /** A journald field: NAME=VALUE, NAME non-empty of [A-Z0-9_], exactly one '='. */
    private static void checkLabel(String label) {
        int eq = label.indexOf('=');
        if (eq < 0 || label.indexOf('=', eq + 1) >= 0) {
            throw FatalError.formatted("Container labels must be in format LABEL=VALUE (exactly one '=' allowed): " + label);
        }
        String name = label.substring(0, eq);
        if (name.isEmpty() || !name.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
            throw FatalError.formatted("Container label names must contain only uppercase letters, digits and underscores: " + label);
        }
    }
}
