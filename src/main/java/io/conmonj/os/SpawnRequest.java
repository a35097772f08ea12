package io.conmonj.os;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a child process gets: its program and argv (argv[0] included), its whole environment,
 * which fds it receives ({@code fdMap}: target fd -> source fd in this process), which of our
 * fds it keeps at the same number, whether it starts a new session, and which signals start
 * blocked (none, usually). Every other fd of this process is closed in the child, so nothing of
 * the JVM leaks into it; signal dispositions are reset to default.
 */
public record SpawnRequest(String path, List<String> argv, List<String> env,
                           Map<Integer, Integer> fdMap, Set<Integer> keepFds, boolean newSession,
                           Set<Integer> blockedSignals) {
    public SpawnRequest {
        argv = List.copyOf(argv);
        env = List.copyOf(env);
        fdMap = Map.copyOf(fdMap);
        keepFds = Set.copyOf(keepFds);
        blockedSignals = Set.copyOf(blockedSignals);
    }

    public SpawnRequest(String path, List<String> argv, List<String> env,
                        Map<Integer, Integer> fdMap, Set<Integer> keepFds, boolean newSession) {
        this(path, argv, env, fdMap, keepFds, newSession, Set.of());
    }
}
