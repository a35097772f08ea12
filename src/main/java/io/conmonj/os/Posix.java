package io.conmonj.os;

import java.nio.ByteBuffer;

/**
 * The system calls conmonj needs, in Java terms. This interface is the only way the rest of
 * conmonj reaches libc; {@link #load()} returns the implementation over glibc. The constants are
 * Linux's generic values, the same on x86_64 and aarch64 (PosixConstantsTest checks them against
 * jnr-constants' tables for both): compile-time values, where looking them up cost every monitor
 * milliseconds at its start.
 */
public interface Posix {
    int O_RDONLY = 0;
    int O_WRONLY = 1;
    int O_RDWR = 2;
    int O_CREAT = 0100;
    int O_EXCL = 0200;
    int O_TRUNC = 01000;
    int O_APPEND = 02000;
    int O_NONBLOCK = 04000;
    int O_CLOEXEC = 02000000;
    int O_DIRECTORY = 0200000;
    int O_PATH = 010000000;

    int SOCK_STREAM = 1;
    int SOCK_DGRAM = 2;
    int SOCK_SEQPACKET = 5;
    int SHUT_RD = 0;
    int SHUT_WR = 1;
    int SHUT_RDWR = 2;

    short POLLIN = 0x1;
    short POLLOUT = 0x4;
    short POLLERR = 0x8;
    short POLLHUP = 0x10;
    short POLLNVAL = 0x20;

    int ENOENT = 2;
    int ESRCH = 3;
    int EINTR = 4;
    int EIO = 5;
    int EBADF = 9;
    int ECHILD = 10;
    int EAGAIN = 11;
    int EEXIST = 17;
    int EPIPE = 32;
    int ENAMETOOLONG = 36;
    int EMSGSIZE = 90;
    int EADDRINUSE = 98;
    int ENOBUFS = 105;

    int SIGINT = 2;
    int SIGQUIT = 3;
    int SIGKILL = 9;
    int SIGUSR1 = 10;
    int SIGTERM = 15;
    int SIGCHLD = 17;

    /** libc; a process loads it once and passes it on. */
    static Posix load() {
        return LinuxPosix.INSTANCE;
    }

    /** pipe2(O_CLOEXEC): [read end, write end]. */
    int[] pipe();

    /** One read(2) into buf's remaining space; retries EINTR. Returns bytes read, 0 at EOF, -1 for EAGAIN. */
    int read(int fd, ByteBuffer direct);

    /** One write(2) of buf's remaining bytes; retries EINTR. Returns bytes written, -1 for EAGAIN. */
    int write(int fd, ByteBuffer direct);

    /** Writes all of data, blocking; throws OsException (e.g. EPIPE) on failure. */
    void writeFully(int fd, byte[] data);

    /** close(2), ignoring errors (there is nothing useful to do about them here). */
    void close(int fd);

    int open(String path, int flags, int mode);

    /** A close-on-exec duplicate of fd (F_DUPFD_CLOEXEC). */
    int dup(int fd);

    /** dup2(2): makes target a copy of source. */
    void dup2(int source, int target);

    void setNonBlocking(int fd, boolean nonBlocking);

    void setCloseOnExec(int fd, boolean cloexec);

    /** F_SETPIPE_SZ: the pipe's capacity becomes at least bytes (at most the system's pipe-max-size). */
    void setPipeSize(int fd, int bytes);

    /**
     * poll(2) over fds for the given events. Returns the revents per fd; an empty result means
     * the timeout passed. EINTR is reported as a timeout.
     */
    short[] poll(int[] fds, short[] events, int timeoutMillis);

    /** waitpid(2). Returns null when nothing changed (WNOHANG), throws OsException(ECHILD) when there are no children. */
    WaitResult waitpid(int pid, boolean noHang);

    /** kill(2); returns 0 or the errno. */
    int kill(int pid, int signal);

    /** prctl(PR_SET_CHILD_SUBREAPER, on). */
    void setChildSubreaper(boolean on);

    int umask(int mask);

    /** malloc_trim(3): gives the C heap's free memory back to the system. */
    void releaseFreeMemory();

    /** setsid(2): a new session with this process as its leader. */
    void setsid();

    /** syslog(3) of one message, user facility, ident "conmon" (as conmon's binary name gives it). */
    void syslog(int priority, String message);

    /** signalfd(2) for signals, which must be blocked in every thread. */
    int signalfd(java.util.Set<Integer> signals);

    /** Blocks until a signal arrives on a signalfd; returns its number. */
    int readSignal(int fd);

    /** posix_spawn with an empty signal mask and default dispositions; returns the child pid. */
    int spawn(SpawnRequest request);

    /** An AF_UNIX socket of the given type, close-on-exec, blocking. */
    int socket(int type);

    /** bind(2) to a filesystem path (at most 107 bytes; longer paths go through /proc/self/fd/N). */
    void bind(int fd, String path);

    void connect(int fd, String path);

    void listen(int fd, int backlog);

    /** accept4(2) with SOCK_CLOEXEC; -1 when nothing is pending on a non-blocking listener. */
    int accept(int fd);

    /** shutdown(2), ignoring errors (the peer may be gone already). */
    void shutdown(int fd, int how);

    /** Receives one message carrying exactly one fd by SCM_RIGHTS (payload ignored); the fd is close-on-exec. */
    int receiveFd(int socket);

    /**
     * A new AF_UNIX socket of the given type bound at directory/name through /proc/self/fd/N (so
     * directories longer than sun_path work), an old file there unlinked first, then given mode.
     */
    default int bindInDirectory(int type, String directory, String name, int mode) {
        int dir = open(directory, O_PATH | O_DIRECTORY | O_CLOEXEC, 0);
        int socket = -1;
        try {
            String viaFd = "/proc/self/fd/" + dir + "/" + name;
            unlink(viaFd);
            socket = socket(type);
            bind(socket, viaFd);
            chmod(viaFd, mode);
            return socket;
        } catch (OsException e) {
            if (socket >= 0) {
                close(socket);
            }
            throw e;
        } finally {
            close(dir);
        }
    }

    /** One datagram to the socket at path; 0 or the errno (EMSGSIZE when it is too large). */
    int sendTo(int fd, String path, ByteBuffer data);

    /** A datagram with no data carrying fd by SCM_RIGHTS to the socket at path; 0 or the errno. */
    int sendFdTo(int fd, String path, int passed);

    /** memfd_create(2) with sealing allowed, close-on-exec. */
    int memfd(String name);

    /** Seals a memfd against any change (shrink, grow, write, further seals). */
    void sealAll(int fd);

    /** eventfd(2), close-on-exec, blocking. */
    int eventfd();

    /** The process group of pid, or -1 when it is gone. */
    int processGroup(int pid);

    /** TIOCSWINSZ on a terminal. */
    void setWindowSize(int fd, int rows, int columns);

    /** Sets ONLCR in the terminal's output flags, leaving everything else as it is. */
    void setOutputNewlineTranslation(int fd);

    void mkfifo(String path, int mode);

    /** unlink(2); a missing file is not an error. */
    void unlink(String path);

    int X_OK = 1;

    /** access(2) of the path exactly as given; 0 or the errno. */
    int access(String path, int mode);

    /** rename(2) of the paths exactly as given. */
    void rename(String from, String to);

    void chmod(String path, int mode);

    void fchmod(int fd, int mode);

    /** Result of waitpid: the pid and its raw wait status. */
    record WaitResult(int pid, int status) {
    }
}
