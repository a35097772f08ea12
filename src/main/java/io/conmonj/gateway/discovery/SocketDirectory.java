package io.conmonj.gateway.discovery;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The monitors' sockets in one directory: every {@code *.sock} that is a socket (names starting with a dot
 * are the monitors' temporary names). An inotify watch rescans on every change; a periodic rescan covers
 * what a watch can miss (overflow, a directory made or replaced later). Thread-safe: the current targets
 * are an immutable snapshot.
 */
public final class SocketDirectory implements AutoCloseable {
    /** One monitor: its id (the socket's name less .sock: the container id), socket path and file identity. */
    public record Target(String id, Path socket, Object fileKey) {
    }

    private final Path directory;
    private volatile List<Target> targets = List.of();
    private volatile String problem = "not scanned yet";
    private volatile boolean everScanned;
    private WatchService watchService;
    private WatchKey watchKey;
    private Thread watcher;
    private volatile boolean closed;

    public SocketDirectory(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /** Scans once and starts the watch (the caller schedules {@link #rescan()} periodically). */
    public void start() {
        rescan();
        watcher = Thread.ofPlatform().daemon().name("conmonj-gateway-watch").start(this::watchLoop);
    }

    /** The targets found by the last scan, sorted by id. */
    public List<Target> targets() {
        return targets;
    }

    /** Null when the directory was read by the last scan, else why not. */
    public String problem() {
        return problem;
    }

    public boolean everScanned() {
        return everScanned;
    }

    /** Lists the directory again (and watches it, if it is new). */
    public synchronized void rescan() {
        if (closed) {
            return;
        }
        Map<String, Target> found = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*.sock")) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") || name.length() <= ".sock".length()) {
                    continue;
                }
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    continue; // gone since the listing
                }
                if (attributes.isOther()) {
                    String id = name.substring(0, name.length() - ".sock".length());
                    found.put(id, new Target(id, p, attributes.fileKey()));
                }
            }
            problem = null;
            everScanned = true;
        } catch (IOException e) {
            problem = "cannot read " + directory + ": " + describe(e);
            targets = List.of();
            return;
        }
        targets = List.copyOf(new ArrayList<>(found.values()));
        ensureWatched();
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage();
    }

    private void ensureWatched() {
        if (watchKey != null && watchKey.isValid()) {
            return;
        }
        try {
            if (watchService == null) {
                watchService = directory.getFileSystem().newWatchService();
            }
            watchKey = directory.register(watchService, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.OVERFLOW);
            notifyAll();
        } catch (IOException e) {
            // the periodic rescan still finds the sockets
        }
    }

    private void watchLoop() {
        while (!closed) {
            WatchService service;
            synchronized (this) {
                while (watchService == null && !closed) {
                    try {
                        wait(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                service = watchService;
            }
            if (service == null) {
                return;
            }
            try {
                WatchKey key = service.take();
                key.pollEvents();
                key.reset();
                rescan();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
        if (watchService != null) {
            try {
                watchService.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        if (watcher != null) {
            watcher.interrupt();
        }
    }
}
