package io.conmonj.exit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.conmonj.diag.Diagnostics;
import io.conmonj.os.OsException;
import io.conmonj.os.Posix;
import io.conmonj.os.SpawnRequest;

/**
 * --exit-command with its --exit-command-args (docs/behaviour.md §12.3): run after --exit-delay seconds with
 * stdio on /dev/null and the caller's environment, and waited for. Returns its exit status.
 */
public final class ExitCommand {
    private final String path;
    private final List<String> args;
    private final int delaySeconds;

    public ExitCommand(String path, List<String> args, int delaySeconds) {
        this.path = path;
        this.args = List.copyOf(args);
        this.delaySeconds = delaySeconds;
    }

    public int run(Posix posix, ChildReaper reaper, List<String> env, int devNull) {
        if (delaySeconds > 0) {
            try {
                Thread.sleep(delaySeconds * 1000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<String> argv = new ArrayList<>();
        argv.add(path);
        argv.addAll(args);
        try {
            int pid = posix.spawn(new SpawnRequest(path, argv, env, Map.of(0, devNull, 1, devNull, 2, devNull),
                    Set.of(), false));
            return reaper.waitFor(pid).code();
        } catch (OsException e) {
            Diagnostics.warn("Failed to run exit command " + path + ": " + e.getMessage());
            return 127;
        }
    }
}
