package io.conmonj.exit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.conmonj.diag.Diagnostics;
import io.conmonj.loop.EventLoop;
import io.conmonj.os.OsException;
import io.conmonj.os.Posix;

/**
 * Reports the container's OOM kills (docs/behaviour.md §12.7) as the empty {@code oom} files of §7, once per
 * detection. cgroup v1: an eventfd registered on {@code memory.oom_control}; cgroup v2: the
 * {@code oom}/{@code oom_kill} counters of {@code memory.events}, checked twice a second on the event loop and once more
 * at exit (conmon's inotify watch is dropped after a non-OOM event; this one keeps watching).
 */
public final class OomWatcher {
    private static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");
    private static final long V2_POLL_MILLIS = 500;

    private final Posix posix;
    private final List<Path> oomFiles;
    private Path memoryEvents;
    private long lastOom;
    private long lastOomKill;
    private volatile boolean oomSeen;

    private OomWatcher(Posix posix, List<Path> oomFiles) {
        this.posix = posix;
        this.oomFiles = oomFiles;
    }

    /** Starts watching the memory cgroup of pid; oom files go to persistDir and bundle (either may be null). */
    public static OomWatcher start(Posix posix, EventLoop loop, int pid, String persistDir, String bundle) {
        List<Path> files = new ArrayList<>();
        if (persistDir != null) {
            files.add(Path.of(persistDir, "oom"));
        }
        if (bundle != null) {
            files.add(Path.of(bundle, "oom"));
        }
        OomWatcher watcher = new OomWatcher(posix, files);
        try {
            if (isCgroup2(CGROUP_ROOT)) {
                watcher.watchV2(loop, pid);
            } else {
                watcher.watchV1(loop, pid);
            }
        } catch (IOException | OsException e) {
            Diagnostics.debug("not watching for OOM: " + e.getMessage());
        }
        return watcher;
    }

    public boolean oomSeen() {
        return oomSeen;
    }

    /** The last look at memory.events before the exit is recorded (docs/behaviour.md §12.1 step 1). */
    public void finalCheck() {
        if (memoryEvents != null) {
            checkMemoryEvents();
        }
    }

    private static boolean isCgroup2(Path root) throws IOException {
        return Files.exists(root.resolve("cgroup.controllers"));
    }

    /** The cgroup path of pid for a v1 controller, or the v2 path ("0::") when controller is null. */
    static Optional<String> cgroupPath(List<String> procCgroup, String controller) {
        for (String line : procCgroup) {
            String[] parts = line.split(":", 3);
            if (parts.length < 3) {
                continue;
            }
            if (controller == null ? parts[0].equals("0") && parts[1].isEmpty()
                    : List.of(parts[1].split(",")).contains(controller)) {
                return Optional.of(parts[2]);
            }
        }
        return Optional.empty();
    }

    private void watchV1(EventLoop loop, int pid) throws IOException {
        String path = cgroupPath(Files.readAllLines(Path.of("/proc/" + pid + "/cgroup")), "memory")
                .orElseThrow(() -> new IOException("no memory cgroup for " + pid));
        Path dir = CGROUP_ROOT.resolve("memory").resolve(path.substring(1));
        Path eventControl = dir.resolve("cgroup.event_control");
        int oomControl = posix.open(dir.resolve("memory.oom_control").toString(), Posix.O_RDONLY | Posix.O_CLOEXEC, 0);
        int eventFd = posix.eventfd();
        try {
            Files.writeString(eventControl, eventFd + " " + oomControl);
        } catch (IOException e) {
            Diagnostics.warn("Failed to write to cgroup.event_control");
        }
        ByteBuffer counter = ByteBuffer.allocateDirect(8).order(java.nio.ByteOrder.nativeOrder());
        EventLoop.Watch[] watch = new EventLoop.Watch[1];
        watch[0] = loop.watch("oom eventfd", eventFd, Posix.POLLIN, revents -> {
            counter.clear();
            if (posix.read(eventFd, counter) != 8) {
                return;
            }
            if (!Files.exists(eventControl) && counter.getLong(0) == 1) {
                // the cgroup was removed, not an OOM
                watch[0].cancel();
                posix.close(eventFd);
                posix.close(oomControl);
                return;
            }
            recordOom();
        });
    }

    private void watchV2(EventLoop loop, int pid) throws IOException {
        String path = cgroupPath(Files.readAllLines(Path.of("/proc/" + pid + "/cgroup")), null)
                .orElseThrow(() -> new IOException("no cgroup v2 path for " + pid));
        memoryEvents = CGROUP_ROOT.resolve(path.substring(1)).resolve("memory.events");
        if (!Files.exists(memoryEvents)) {
            memoryEvents = null;
            return;
        }
        checkMemoryEvents();
        pollV2(loop);
    }

    private void pollV2(EventLoop loop) {
        loop.after("oom memory.events", V2_POLL_MILLIS, () -> {
            checkMemoryEvents();
            if (memoryEvents != null) {
                pollV2(loop);
            }
        });
    }

    private synchronized void checkMemoryEvents() {
        Path file = memoryEvents;
        if (file == null) {
            return;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            memoryEvents = null; // the cgroup is gone
            return;
        }
        boolean oom = false;
        for (String line : lines) {
            String[] kv = line.split(" ");
            if (kv.length != 2) {
                continue;
            }
            long value = Long.parseLong(kv[1].trim());
            if (kv[0].equals("oom") && value != 0 && value != lastOom) {
                lastOom = value;
                oom = true;
            } else if (kv[0].equals("oom_kill") && value != 0 && value != lastOomKill) {
                lastOomKill = value;
                oom = true;
            }
        }
        if (oom) {
            recordOom();
        }
    }

    private void recordOom() {
        oomSeen = true;
        for (Path file : oomFiles) {
            try {
                posix.close(posix.open(file.toString(), Posix.O_WRONLY | Posix.O_CREAT | Posix.O_CLOEXEC, 0644));
            } catch (OsException e) {
                Diagnostics.warn("Failed to write oom file to the " + file + " path");
            }
        }
    }
}
