package io.conmonj.cli;

import io.conmonj.log.LogConfig;

/**
 * Options after validation, with conmon's defaults resolved: the bundle (null for an exec session
 * without -b), the container pid file and the log drivers.
 */
public record Settings(ConmonOptions options, String bundle, String containerPidfile, LogConfig log) {

    /** API 1 (podman) or legacy (CRI-O). */
    public boolean api1() {
        return options.apiVersion();
    }

    /** The sync-pipe key of docs/behaviour.md §6.1: data (API 1), exit_code (legacy exec) or pid (legacy create). */
    public String syncKey() {
        if (api1()) {
            return "data";
        }
        return options.exec() ? "exit_code" : "pid";
    }
}
