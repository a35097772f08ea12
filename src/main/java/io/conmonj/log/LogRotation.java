package io.conmonj.log;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.conmonj.diag.Diagnostics;
import io.conmonj.os.IoErrors;

/**
 * {@code --log-rotate} (docs/behaviour.md §11.4): instead of truncating, the full log becomes {@code <path>.1}
 * (older backups shift up, exactly {@code --log-max-files} are kept) and a new file takes its place.
 * The path is checked first (no symlinks, no "..", a safe parent, inside an allow-listed directory
 * when there are any) and a write lock on the current file keeps two rotators apart; when anything
 * fails the current file stays in use and the next record tries again.
 */
public final class LogRotation {
    private final int maxFiles;
    private final List<Path> allowlist;
    private String reported;

    public LogRotation(int maxFiles, List<String> allowlistDirs) {
        this.maxFiles = Math.max(1, maxFiles);
        List<Path> dirs = new ArrayList<>();
        for (String dir : allowlistDirs) {
            dirs.add(Path.of(dir).toAbsolutePath().normalize());
        }
        this.allowlist = List.copyOf(dirs);
    }

    /** Rotates the file at path (open as current); returns the new file's channel, or null if not now. */
    FileChannel rotate(Path path, FileChannel current) {
        String problem = check(path);
        if (problem != null) {
            if (!problem.equals(reported)) {
                reported = problem; // once per problem, not once per record
                Diagnostics.warn(problem);
            }
            return null;
        }
        reported = null;
        try (FileLock lock = current.tryLock()) {
            if (lock == null) {
                Diagnostics.warn("Log file locked by another process, skipping rotation");
                return null;
            }
            Path fresh = sibling(path, ".new");
            Files.deleteIfExists(fresh);
            FileChannel channel = FileChannel.open(fresh, Set.of(StandardOpenOption.WRITE, StandardOpenOption.APPEND,
                    StandardOpenOption.CREATE_NEW), PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-r-----")));
            try {
                for (int i = maxFiles; i >= 2; i--) {
                    Path older = sibling(path, "." + (i - 1));
                    if (Files.exists(older, LinkOption.NOFOLLOW_LINKS)) {
                        Files.move(older, sibling(path, "." + i), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                    Files.move(path, sibling(path, ".1"), StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(fresh, path, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            return channel;
        } catch (IOException | OverlappingFileLockException e) {
            Diagnostics.warn("Failed to rotate log file: " + (e instanceof IOException io ? IoErrors.strerror(io) : e.getMessage()));
            return null;
        }
    }

    private static Path sibling(Path path, String suffix) {
        return path.resolveSibling(path.getFileName() + suffix);
    }

    /**
     * Why the path is unsafe to rotate, in conmon's words (src/ctr_logging.c), or null when it is fine.
     * Like conmon, an existing log file is only refused when it is a symlink; the parent directory is
     * judged (not world-writable, owned by root or this user, inside the allowlist) only when the file
     * is absent. conmon's "Parent path contains symlinks" test runs on the realpath'd parent, so it can
     * never fire: a parent reached through a symlink is accepted, here too.
     */
    String check(Path path) {
        String text = path.toString();
        if (text.contains("../") || text.contains("/..")) {
            return "Invalid log path for rotation";
        }
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return Files.isSymbolicLink(path) ? "Log path is a symbolic link" : null;
        }
        Path parent = path.toAbsolutePath().getParent();
        try {
            PosixFileAttributes attributes = Files.readAttributes(parent, PosixFileAttributes.class);
            if (attributes.permissions().contains(PosixFilePermission.OTHERS_WRITE)) {
                return "Parent directory is world-writable, security risk: " + parent;
            }
            String owner = attributes.owner().getName();
            if (!owner.equals("root") && !owner.equals(System.getProperty("user.name"))) {
                return "Parent directory owned by unexpected UID " + Files.getAttribute(parent, "unix:uid") + ": " + parent;
            }
            Path real = parent.toRealPath();
            if (!allowlist.isEmpty() && allowlist.stream().noneMatch(dir -> real.startsWith(realOrSelf(dir)))) {
                return "Parent directory not in allowlist";
            }
        } catch (IOException e) {
            return "Failed to stat parent directory: " + IoErrors.strerror(e);
        }
        return null;
    }

    private static Path realOrSelf(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            return dir;
        }
    }
}
