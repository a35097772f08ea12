package io.conmonj.cli;

import io.conmonj.os.Posix;

/** What option validation asks the file system: conmon's access(runtime, X_OK) (src/cli.c process_cli). */
@FunctionalInterface
public interface FileAccess {
    /** 0 when the path, exactly as given, passes access(2) for execution; otherwise the errno. */
    int executable(String path);

    /** The real file system, through the given system calls. */
    static FileAccess of(Posix posix) {
        return path -> posix.access(path, Posix.X_OK);
    }
}
