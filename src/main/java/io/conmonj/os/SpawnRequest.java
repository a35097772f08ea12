package io.conmonj.os;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a child process gets: its program and argv (argv[0] included), its whole environment,
 * which fds it receives ({@code fdMap}: target fd -> source fd in this process), which of our
 * fds it keeps at the same number, and whether it starts a new session. Every other fd of this
 * process is closed in the child, so nothing of the JVM leaks into it.
 */
public record SpawnRequest(String path, List<String> argv, List<String> env,
                           Map<Integer, Integer> fdMap, Set<Integer> keepFds, boolean newSession) {
    public SpawnRequest {
        argv = List.copyOf(argv);
        env = List.copyOf(env);
        fdMap = Map.copyOf(fdMap);
        keepFds = Set.copyOf(keepFds);
    }
}
