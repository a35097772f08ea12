package io.conmonj.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.conmonj.diag.FatalError;

/**
 * What is actually spawned to run the runtime's argv (docs/behaviour.md §5.2, §5.4). A JVM cannot run code in the
 * child between fork and exec, so the two things conmon does there are done by tiny execs that keep
 * the pid: util-linux {@code setpriv --pdeathsig KILL} (the runtime dies with the monitor) and, when
 * {@code LISTEN_PID} must name the runtime itself, {@code sh -c 'LISTEN_PID=$$ exec …'}.
 */
public record RuntimeInvocation(String path, List<String> argv) {
    static final String SETPRIV = "/usr/bin/setpriv";
    static final String SHELL = "/bin/sh";

    /**
     * @param runtimeArgv the runtime's argv (docs/behaviour.md §5.1), argv[0] being the runtime's path
     * @param listenPid the caller's LISTEN_PID, or null
     * @param replaceListenPid --replace-listen-pid
     * @param monitorPid this monitor's pid (a LISTEN_PID naming it is replaced too)
     */
    public static RuntimeInvocation of(List<String> runtimeArgv, String listenPid, boolean replaceListenPid,
                                       long monitorPid) {
        List<String> argv = new ArrayList<>(runtimeArgv);
        String path = runtimeArgv.get(0);
        if (Files.isExecutable(Path.of(SETPRIV))) {
            // execvp in setpriv: keep conmon's execv semantics for a bare name (relative to the cwd, no PATH search)
            String runtime = path.contains("/") ? path : "./" + path;
            argv.set(0, runtime);
            argv.addAll(0, List.of(SETPRIV, "--pdeathsig", "KILL", "--"));
            path = SETPRIV;
        }
        if (listenPid != null && replacesListenPid(listenPid, replaceListenPid, monitorPid)) {
            argv.addAll(0, List.of(SHELL, "-c", "LISTEN_PID=$$; export LISTEN_PID; exec \"$@\"", "sh"));
            path = SHELL;
        }
        return new RuntimeInvocation(path, List.copyOf(argv));
    }

    private static boolean replacesListenPid(String value, boolean replace, long monitorPid) {
        long pid;
        try {
            pid = Long.parseLong(value);
        } catch (NumberFormatException e) {
            pid = -1;
        }
        if (pid <= 0) {
            throw FatalError.of("Invalid LISTEN_PID " + value);
        }
        return replace || pid == monitorPid;
    }
}
