package io.conmonj.os;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/** {@link Posix} over glibc through jnr-ffi. */
final class JnrPosix implements Posix {
    static final JnrPosix INSTANCE = new JnrPosix();

    private static final int F_GETFD = 1;
    private static final int F_SETFD = 2;
    private static final int F_GETFL = 3;
    private static final int F_SETFL = 4;
    private static final int FD_CLOEXEC = 1;
    private static final int F_DUPFD_CLOEXEC = 1030;
    private static final int F_SETPIPE_SZ = 1031;
    private static final int PR_SET_CHILD_SUBREAPER = 36;
    private static final int WNOHANG = 1;
    private static final int LOG_USER = 1 << 3;
    private static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    private static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    private static final short POSIX_SPAWN_SETSID = 0x80;
    // glibc x86_64 sizes, rounded up
    private static final int FILE_ACTIONS_SIZE = 128;
    private static final int SPAWNATTR_SIZE = 512;
    private static final int SIGSET_SIZE = 128;
    private static final int SIGNALFD_SIGINFO_SIZE = 128;
    private static final int AF_UNIX = 1;
    private static final int SOCK_CLOEXEC = O_CLOEXEC;
    private static final int SUN_PATH_MAX = 108;
    private static final int SOL_SOCKET = 1;
    private static final int SCM_RIGHTS = 1;
    private static final int MSG_CMSG_CLOEXEC = 0x40000000;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int MFD_CLOEXEC = 1;
    private static final int MFD_ALLOW_SEALING = 2;
    private static final int F_ADD_SEALS = 1033;
    private static final int F_SEAL_SEAL = 1;
    private static final int F_SEAL_SHRINK = 2;
    private static final int F_SEAL_GROW = 4;
    private static final int F_SEAL_WRITE = 8;
    private static final long TIOCSWINSZ = 0x5414;
    private static final int TERMIOS_SIZE = 64;
    private static final int TERMIOS_OFLAG_OFFSET = 4;
    private static final int ONLCR = 04;
    private static final int TCSANOW = 0;
    private static final int CONSOLE_NAME_MAX = 4096;

    private final Libc libc;
    private final Runtime runtime;
    private Pointer syslogIdent;

    private JnrPosix() {
        // jnr's reflection invoker: generating bytecode with ASM costs ~120 ms on every start
        System.setProperty("jnr.ffi.asm.enabled", "false");
        NativeImageJffi.configure();
        libc = LibraryLoader.create(Libc.class).load("c");
        runtime = Runtime.getRuntime(libc);
    }

    private int errno() {
        return runtime.getLastError();
    }

    private OsException failure(String operation) {
        return new OsException(operation, errno());
    }

    @Override
    public int[] pipe() {
        int[] fds = new int[2];
        if (libc.pipe2(fds, O_CLOEXEC) != 0) {
            throw failure("pipe2");
        }
        return fds;
    }

    @Override
    public int read(int fd, ByteBuffer buf) {
        return transfer("read", buf, () -> libc.read(fd, buf.slice(), buf.remaining()));
    }

    @Override
    public int write(int fd, ByteBuffer buf) {
        return transfer("write", buf, () -> libc.write(fd, buf.slice(), buf.remaining()));
    }

    /** One read(2) or write(2) on buf's remaining space: retries EINTR, -1 for EAGAIN, advances buf. */
    private int transfer(String operation, ByteBuffer buf, java.util.function.LongSupplier call) {
        while (true) {
            long n = call.getAsLong();
            if (n >= 0) {
                buf.position(buf.position() + (int) n);
                return (int) n;
            }
            int err = errno();
            if (err == EAGAIN) {
                return -1;
            }
            if (err != EINTR) {
                throw new OsException(operation, err);
            }
        }
    }

    @Override
    public void writeFully(int fd, byte[] data) {
        ByteBuffer buf = ByteBuffer.allocateDirect(data.length).put(data).flip();
        while (buf.hasRemaining()) {
            if (write(fd, buf) < 0) {
                poll(new int[] {fd}, new short[] {POLLOUT}, -1);
            }
        }
    }

    @Override
    public void close(int fd) {
        libc.close(fd);
    }

    @Override
    public int open(String path, int flags, int mode) {
        int fd = libc.open(path, flags, mode);
        if (fd < 0) {
            throw failure("open " + path);
        }
        return fd;
    }

    @Override
    public int dup(int fd) {
        int copy = libc.fcntl(fd, F_DUPFD_CLOEXEC, 3);
        if (copy < 0) {
            throw failure("fcntl(F_DUPFD_CLOEXEC)");
        }
        return copy;
    }

    @Override
    public void dup2(int source, int target) {
        if (libc.dup2(source, target) < 0) {
            throw failure("dup2");
        }
    }

    @Override
    public void setNonBlocking(int fd, boolean nonBlocking) {
        int flags = libc.fcntl(fd, F_GETFL, 0);
        if (flags < 0) {
            throw failure("fcntl(F_GETFL)");
        }
        int wanted = nonBlocking ? flags | O_NONBLOCK : flags & ~O_NONBLOCK;
        if (wanted != flags && libc.fcntl(fd, F_SETFL, wanted) != 0) {
            throw failure("fcntl(F_SETFL)");
        }
    }

    @Override
    public void setCloseOnExec(int fd, boolean cloexec) {
        if (libc.fcntl(fd, F_SETFD, cloexec ? FD_CLOEXEC : 0) != 0) {
            throw failure("fcntl(F_SETFD)");
        }
    }

    @Override
    public void setPipeSize(int fd, int bytes) {
        if (libc.fcntl(fd, F_SETPIPE_SZ, bytes) < 0) {
            throw failure("fcntl(F_SETPIPE_SZ)");
        }
    }

    @Override
    public short[] poll(int[] fds, short[] events, int timeoutMillis) {
        Pointer mem = Memory.allocateDirect(runtime, 8 * fds.length, true);
        for (int i = 0; i < fds.length; i++) {
            mem.putInt(8L * i, fds[i]);
            mem.putShort(8L * i + 4, events[i]);
        }
        int n = libc.poll(mem, fds.length, timeoutMillis);
        if (n < 0) {
            if (errno() == EINTR) {
                return new short[0];
            }
            throw failure("poll");
        }
        if (n == 0) {
            return new short[0];
        }
        short[] revents = new short[fds.length];
        for (int i = 0; i < fds.length; i++) {
            revents[i] = mem.getShort(8L * i + 6);
        }
        return revents;
    }

    @Override
    public WaitResult waitpid(int pid, boolean noHang) {
        int[] status = new int[1];
        while (true) {
            int r = libc.waitpid(pid, status, noHang ? WNOHANG : 0);
            if (r > 0) {
                return new WaitResult(r, status[0]);
            }
            if (r == 0) {
                return null;
            }
            int err = errno();
            if (err != EINTR) {
                throw new OsException("waitpid", err);
            }
        }
    }

    @Override
    public int kill(int pid, int signal) {
        return libc.kill(pid, signal) == 0 ? 0 : errno();
    }

    @Override
    public void setChildSubreaper(boolean on) {
        if (libc.prctl(PR_SET_CHILD_SUBREAPER, on ? 1 : 0, 0, 0, 0) != 0) {
            throw failure("prctl(PR_SET_CHILD_SUBREAPER)");
        }
    }

    @Override
    public int umask(int mask) {
        return libc.umask(mask);
    }

    @Override
    public void syslog(int priority, String message) {
        synchronized (this) {
            if (syslogIdent == null) {
                // openlog keeps the pointer: the ident lives as long as this process
                byte[] ident = "conmon".getBytes(StandardCharsets.US_ASCII);
                syslogIdent = Memory.allocateDirect(runtime, ident.length + 1, true);
                syslogIdent.put(0, ident, 0, ident.length);
                libc.openlog(syslogIdent, 0, LOG_USER);
            }
        }
        libc.syslog(priority, "%s", message);
    }

    @Override
    public int spawn(SpawnRequest request) {
        Pointer actions = Memory.allocateDirect(runtime, FILE_ACTIONS_SIZE, true);
        Pointer attr = Memory.allocateDirect(runtime, SPAWNATTR_SIZE, true);
        check("posix_spawn_file_actions_init", libc.posix_spawn_file_actions_init(actions));
        check("posix_spawnattr_init", libc.posix_spawnattr_init(attr));
        try {
            TreeSet<Integer> targets = new TreeSet<>(request.keepFds());
            targets.addAll(request.fdMap().keySet());
            for (Map.Entry<Integer, Integer> e : request.fdMap().entrySet()) {
                check("adddup2", libc.posix_spawn_file_actions_adddup2(actions, e.getValue(), e.getKey()));
            }
            // dup2 onto itself clears FD_CLOEXEC in the child (glibc >= 2.29)
            for (int fd : request.keepFds()) {
                check("adddup2", libc.posix_spawn_file_actions_adddup2(actions, fd, fd));
            }
            int highest = targets.isEmpty() ? -1 : targets.last();
            for (int fd : openFds()) {
                if (fd < highest && !targets.contains(fd)) {
                    check("addclose", libc.posix_spawn_file_actions_addclose(actions, fd));
                }
            }
            check("addclosefrom", libc.posix_spawn_file_actions_addclosefrom_np(actions, highest + 1));

            Pointer mask = signalSet(request.blockedSignals());
            Pointer full = Memory.allocateDirect(runtime, SIGSET_SIZE, true);
            libc.sigfillset(full);
            short flags = (short) (POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
                    | (request.newSession() ? POSIX_SPAWN_SETSID : 0));
            check("setflags", libc.posix_spawnattr_setflags(attr, flags));
            check("setsigmask", libc.posix_spawnattr_setsigmask(attr, mask));
            check("setsigdefault", libc.posix_spawnattr_setsigdefault(attr, full));

            int[] pid = new int[1];
            List<Pointer> keepAlive = new ArrayList<>();
            Pointer argv = stringArray(request.argv(), keepAlive);
            Pointer envp = stringArray(request.env(), keepAlive);
            check("posix_spawn " + request.path(), libc.posix_spawn(pid, request.path(), actions, attr, argv, envp));
            java.lang.ref.Reference.reachabilityFence(keepAlive);
            return pid[0];
        } finally {
            libc.posix_spawn_file_actions_destroy(actions);
            libc.posix_spawnattr_destroy(attr);
        }
    }

    @Override
    public int socket(int type) {
        int fd = libc.socket(AF_UNIX, type | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw failure("socket");
        }
        return fd;
    }

    @Override
    public void bind(int fd, String path) {
        Pointer addr = socketAddress(path);
        if (libc.bind(fd, addr, (int) addr.size()) != 0) {
            throw failure("bind " + path);
        }
    }

    @Override
    public void connect(int fd, String path) {
        Pointer addr = socketAddress(path);
        while (libc.connect(fd, addr, (int) addr.size()) != 0) {
            if (errno() != EINTR) {
                throw failure("connect " + path);
            }
        }
    }

    /** struct sockaddr_un for path, sized to the path and its NUL. */
    private Pointer socketAddress(String path) {
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        if (bytes.length >= SUN_PATH_MAX) {
            throw new OsException("socket path too long: " + path, 36);
        }
        Pointer addr = Memory.allocateDirect(runtime, 2 + bytes.length + 1, true);
        addr.putShort(0, (short) AF_UNIX);
        addr.put(2, bytes, 0, bytes.length);
        return addr;
    }

    @Override
    public void listen(int fd, int backlog) {
        if (libc.listen(fd, backlog) != 0) {
            throw failure("listen");
        }
    }

    @Override
    public int accept(int fd) {
        while (true) {
            int client = libc.accept4(fd, null, null, SOCK_CLOEXEC);
            if (client >= 0) {
                return client;
            }
            int err = errno();
            if (err == EAGAIN) {
                return -1;
            }
            if (err != EINTR) {
                throw new OsException("accept4", err);
            }
        }
    }

    @Override
    public void shutdown(int fd, int how) {
        libc.shutdown(fd, how);
    }

    @Override
    public int receiveFd(int socket) {
        // struct msghdr / iovec / cmsghdr, x86_64 glibc layout
        Pointer name = Memory.allocateDirect(runtime, CONSOLE_NAME_MAX, true);
        Pointer iov = Memory.allocateDirect(runtime, 16, true);
        iov.putPointer(0, name);
        iov.putLong(8, CONSOLE_NAME_MAX);
        int controlSpace = 24; // CMSG_SPACE(sizeof(int))
        Pointer control = Memory.allocateDirect(runtime, controlSpace, true);
        Pointer msg = Memory.allocateDirect(runtime, 56, true);
        msg.putPointer(16, iov);
        msg.putLong(24, 1);
        msg.putPointer(32, control);
        msg.putLong(40, controlSpace);
        long n;
        do {
            n = libc.recvmsg(socket, msg, MSG_CMSG_CLOEXEC);
        } while (n < 0 && errno() == EINTR);
        if (n < 0) {
            throw failure("recvmsg");
        }
        long controlLength = msg.getLong(40);
        if (controlLength < 20 || control.getLong(0) != 20 || control.getInt(8) != SOL_SOCKET
                || control.getInt(12) != SCM_RIGHTS) {
            throw new OsException("recvmsg: no file descriptor in the message", EBADF);
        }
        return control.getInt(16);
    }

    @Override
    public int sendTo(int fd, String path, ByteBuffer data) {
        Pointer addr = socketAddress(path);
        Pointer payload = Memory.allocateDirect(runtime, Math.max(1, data.remaining()), false);
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        payload.put(0, bytes, 0, bytes.length);
        return sendMessage(fd, addr, payload, bytes.length, null);
    }

    @Override
    public int sendFdTo(int fd, String path, int passed) {
        Pointer control = Memory.allocateDirect(runtime, 24, true);
        control.putLong(0, 20); // CMSG_LEN(sizeof(int))
        control.putInt(8, SOL_SOCKET);
        control.putInt(12, SCM_RIGHTS);
        control.putInt(16, passed);
        return sendMessage(fd, socketAddress(path), null, 0, control);
    }

    /** sendmsg(2) of one datagram to addr (struct msghdr, x86_64 layout); 0 or the errno. */
    private int sendMessage(int fd, Pointer addr, Pointer payload, long length, Pointer control) {
        Pointer msg = Memory.allocateDirect(runtime, 56, true);
        msg.putPointer(0, addr);
        msg.putInt(8, (int) addr.size());
        if (payload != null) {
            Pointer iov = Memory.allocateDirect(runtime, 16, true);
            iov.putPointer(0, payload);
            iov.putLong(8, length);
            msg.putPointer(16, iov);
            msg.putLong(24, 1);
        }
        if (control != null) {
            msg.putPointer(32, control);
            msg.putLong(40, control.size());
        }
        while (libc.sendmsg(fd, msg, MSG_NOSIGNAL) < 0) {
            int err = errno();
            if (err != EINTR) {
                return err;
            }
        }
        return 0;
    }

    @Override
    public int memfd(String name) {
        int fd = libc.memfd_create(name, MFD_CLOEXEC | MFD_ALLOW_SEALING);
        if (fd < 0) {
            throw failure("memfd_create");
        }
        return fd;
    }

    @Override
    public void sealAll(int fd) {
        if (libc.fcntl(fd, F_ADD_SEALS, F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE) != 0) {
            throw failure("fcntl(F_ADD_SEALS)");
        }
    }

    @Override
    public int eventfd() {
        int fd = libc.eventfd(0, O_CLOEXEC);
        if (fd < 0) {
            throw failure("eventfd");
        }
        return fd;
    }

    @Override
    public int processGroup(int pid) {
        return libc.getpgid(pid);
    }

    @Override
    public void setWindowSize(int fd, int rows, int columns) {
        Pointer size = Memory.allocateDirect(runtime, 8, true);
        size.putShort(0, (short) rows);
        size.putShort(2, (short) columns);
        if (libc.ioctl(fd, TIOCSWINSZ, size) != 0) {
            throw failure("ioctl(TIOCSWINSZ)");
        }
    }

    @Override
    public void setOutputNewlineTranslation(int fd) {
        Pointer termios = Memory.allocateDirect(runtime, TERMIOS_SIZE, true);
        if (libc.tcgetattr(fd, termios) != 0) {
            throw failure("tcgetattr");
        }
        termios.putInt(TERMIOS_OFLAG_OFFSET, termios.getInt(TERMIOS_OFLAG_OFFSET) | ONLCR);
        if (libc.tcsetattr(fd, TCSANOW, termios) != 0) {
            throw failure("tcsetattr");
        }
    }

    @Override
    public void mkfifo(String path, int mode) {
        if (libc.mkfifo(path, mode) != 0) {
            throw failure("mkfifo " + path);
        }
    }

    @Override
    public void unlink(String path) {
        if (libc.unlink(path) != 0 && errno() != ENOENT) {
            throw failure("unlink " + path);
        }
    }

    @Override
    public void chmod(String path, int mode) {
        if (libc.chmod(path, mode) != 0) {
            throw failure("chmod " + path);
        }
    }

    @Override
    public void fchmod(int fd, int mode) {
        if (libc.fchmod(fd, mode) != 0) {
            throw failure("fchmod");
        }
    }

    private Pointer signalSet(Iterable<Integer> signals) {
        Pointer set = Memory.allocateDirect(runtime, SIGSET_SIZE, true);
        libc.sigemptyset(set);
        for (int signal : signals) {
            libc.sigaddset(set, signal);
        }
        return set;
    }

    @Override
    public int signalfd(Set<Integer> signals) {
        int fd = libc.signalfd(-1, signalSet(signals), O_CLOEXEC);
        if (fd < 0) {
            throw failure("signalfd");
        }
        return fd;
    }

    @Override
    public int readSignal(int fd) {
        ByteBuffer info = ByteBuffer.allocateDirect(SIGNALFD_SIGINFO_SIZE).order(java.nio.ByteOrder.nativeOrder());
        while (info.hasRemaining()) {
            if (read(fd, info) <= 0) {
                throw new OsException("read signalfd", EBADF);
            }
        }
        return info.getInt(0);
    }

    /** A NULL-terminated char** in native memory; its strings are held by keepAlive. */
    private Pointer stringArray(List<String> strings, List<Pointer> keepAlive) {
        Pointer array = Memory.allocateDirect(runtime, 8L * (strings.size() + 1), true);
        for (int i = 0; i < strings.size(); i++) {
            byte[] bytes = strings.get(i).getBytes(StandardCharsets.UTF_8);
            Pointer str = Memory.allocateDirect(runtime, bytes.length + 1, true);
            str.put(0, bytes, 0, bytes.length);
            array.putPointer(8L * i, str);
            keepAlive.add(str);
        }
        return array;
    }

    private static void check(String what, int rc) {
        if (rc != 0) {
            throw new OsException(what, rc);
        }
    }

    /**
     * Whether fd, open at start, was opened by this process rather than passed by its caller: close-on-exec (a
     * passed fd survived an exec, so it has no FD_CLOEXEC), or this process's own executable.
     */
    static boolean openedByThisProcess(int fd) {
        int flags = INSTANCE.libc.fcntl(fd, F_GETFD, 0);
        if (flags >= 0 && (flags & FD_CLOEXEC) != 0) {
            return true;
        }
        try {
            return java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/" + fd))
                    .equals(java.nio.file.Path.of("/proc/self/exe").toRealPath());
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    /** The fds this process has open now. */
    static List<Integer> openFds() {
        List<Integer> fds = new ArrayList<>();
        String[] names = new File("/proc/self/fd").list();
        if (names != null) {
            for (String name : names) {
                fds.add(Integer.parseInt(name));
            }
        }
        // the listing's own directory fd is among the names but closed by now (in a native executable, with few
        // fds open, it is a low number that the caller's fds are compared with)
        fds.removeIf(fd -> INSTANCE.libc.fcntl(fd, F_GETFD, 0) < 0);
        return fds;
    }
}
