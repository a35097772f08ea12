package io.conmonj.sidecar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * What the endpoint reports about the container: its pid and start once the runtime created it, its
 * exit once recorded (the same values as the exit files). Written by the monitor, read by the endpoint.
 */
public final class ContainerState {
    /** The container's end: code as in the exit files, the killing signal (0 if none). */
    public record Exit(int code, int signal, Instant at, boolean oomKilled, boolean timedOut) {
    }

    private final String containerId;
    private final String name;
    private final Path runtime;
    private volatile int pid;
    private volatile Instant startedAt;
    private volatile Exit exit;

    public ContainerState(String containerId, String name, String runtime) {
        this.containerId = containerId;
        this.name = name;
        this.runtime = Path.of(runtime);
    }

    public void created(int pid, Instant at) {
        this.startedAt = at;
        this.pid = pid;
    }

    public void exited(Exit exit) {
        this.exit = exit;
    }

    public String containerId() {
        return containerId;
    }

    public String name() {
        return name;
    }

    public int pid() {
        return pid;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Exit exit() {
        return exit;
    }

    /** "created" (the runtime's init still waits for start), "running", "exited", or "creating" before the pid. */
    public String status() {
        if (exit != null) {
            return "exited";
        }
        if (pid <= 0) {
            return "creating";
        }
        return isRuntimeInit(pid) ? "created" : "running";
    }

    /**
     * A created container's process is still the runtime's own code waiting for `start`: its binary, or
     * a memfd copy of it named after it (runc: exe `/memfd:runc_cloned…`, comm `runc:[2:INIT]`).
     */
    private boolean isRuntimeInit(int pid) {
        String name = runtime.getFileName().toString();
        Path proc = Path.of("/proc/" + pid);
        try {
            if (Files.readString(proc.resolve("comm")).startsWith(name)) {
                return true;
            }
            Path exe = Files.readSymbolicLink(proc.resolve("exe"));
            return exe.toString().contains(name) || Files.isSameFile(exe, runtime);
        } catch (IOException e) {
            return false;
        }
    }
}
