package io.conmonj.os;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.kenai.jffi.MemoryIO;
import com.kenai.jffi.Type;

import static io.conmonj.os.LinuxStructs.CMSGHDR;
import static io.conmonj.os.LinuxStructs.IOVEC;
import static io.conmonj.os.LinuxStructs.MSGHDR;
import static io.conmonj.os.LinuxStructs.POLLFD;
import static io.conmonj.os.LinuxStructs.SOCKADDR_UN;
import static io.conmonj.os.LinuxStructs.TERMIOS;
import static io.conmonj.os.LinuxStructs.WINSIZE;

/** {@link Posix} over glibc on Linux, each function called through jffi ({@link NativeFunction}). */
final class LinuxPosix implements Posix {
    static {
        // first, before jffi loads its stub library: in a native executable, it lies beside the executable
        NativeImageJffi.configure();
    }

    private static final Type INT = Type.SINT;
    private static final Type LONG = Type.SLONG;
    private static final Type PTR = Type.POINTER;
    private static final MemoryIO MEMORY = MemoryIO.getInstance();

    // Linux's generic values, the same on x86_64 and aarch64 (PosixConstantsTest)
    static final int F_GETFD = 1;
    static final int F_SETFD = 2;
    static final int F_GETFL = 3;
    static final int F_SETFL = 4;
    static final int F_DUPFD_CLOEXEC = 1030;
    static final int F_SETPIPE_SZ = 1031;
    static final int F_ADD_SEALS = 1033;
    private static final int F_SEAL_SEAL = 1;
    private static final int F_SEAL_SHRINK = 2;
    private static final int F_SEAL_GROW = 4;
    private static final int F_SEAL_WRITE = 8;
    private static final int FD_CLOEXEC = 1;
    static final int WNOHANG = 1;
    static final int AF_UNIX = 1;
    static final int SOCK_CLOEXEC = 02000000;
    static final int SOL_SOCKET = 1;
    static final int SCM_RIGHTS = 1;
    static final int MSG_NOSIGNAL = 0x4000;
    private static final int MSG_CMSG_CLOEXEC = 0x40000000;
    private static final int PR_SET_CHILD_SUBREAPER = 36;
    private static final int MFD_CLOEXEC = 1;
    private static final int MFD_ALLOW_SEALING = 2;
    static final long TIOCSWINSZ = 0x5414;
    private static final int ONLCR = 04;
    private static final int TCSANOW = 0;
    private static final int LOG_USER = 1 << 3;
    private static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    private static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    private static final short POSIX_SPAWN_SETSID = 0x80;
    private static final int CONSOLE_NAME_MAX = 4096;

    /** Last of the static fields: the functions are bound with the types above. */
    static final LinuxPosix INSTANCE = new LinuxPosix();

    private final NativeFunction pipe2 = NativeFunction.of("pipe2", INT, PTR, INT);
    private final NativeFunction read = NativeFunction.of("read", LONG, INT, PTR, LONG);
    private final NativeFunction write = NativeFunction.of("write", LONG, INT, PTR, LONG);
    private final NativeFunction close = NativeFunction.of("close", INT, INT);
    private final NativeFunction dup2 = NativeFunction.of("dup2", INT, INT, INT);
    private final NativeFunction open = NativeFunction.variadic("open", 2, INT, PTR, INT, INT);
    private final NativeFunction fcntl = NativeFunction.variadic("fcntl", 2, INT, INT, INT, LONG);
    private final NativeFunction poll = NativeFunction.of("poll", INT, PTR, LONG, INT);
    private final NativeFunction waitpid = NativeFunction.of("waitpid", INT, INT, PTR, INT);
    private final NativeFunction kill = NativeFunction.of("kill", INT, INT, INT);
    private final NativeFunction prctl = NativeFunction.variadic("prctl", 1, INT, INT, LONG, LONG, LONG, LONG);
    private final NativeFunction umask = NativeFunction.of("umask", INT, INT);
    private final NativeFunction setsid = NativeFunction.of("setsid", INT);
    private final NativeFunction mallocTrim = NativeFunction.of("malloc_trim", INT, LONG);
    private final NativeFunction openlog = NativeFunction.of("openlog", Type.VOID, PTR, INT, INT);
    private final NativeFunction syslog = NativeFunction.variadic("syslog", 2, Type.VOID, INT, PTR, PTR);
    private final NativeFunction sigemptyset = NativeFunction.of("sigemptyset", INT, PTR);
    private final NativeFunction sigfillset = NativeFunction.of("sigfillset", INT, PTR);
    private final NativeFunction sigaddset = NativeFunction.of("sigaddset", INT, PTR, INT);
    private final NativeFunction signalfd = NativeFunction.of("signalfd", INT, INT, PTR, INT);
    private final NativeFunction socket = NativeFunction.of("socket", INT, INT, INT, INT);
    private final NativeFunction bind = NativeFunction.of("bind", INT, INT, PTR, INT);
    private final NativeFunction connect = NativeFunction.of("connect", INT, INT, PTR, INT);
    private final NativeFunction listen = NativeFunction.of("listen", INT, INT, INT);
    private final NativeFunction accept4 = NativeFunction.of("accept4", INT, INT, PTR, PTR, INT);
    private final NativeFunction shutdown = NativeFunction.of("shutdown", INT, INT, INT);
    private final NativeFunction recvmsg = NativeFunction.of("recvmsg", LONG, INT, PTR, INT);
    private final NativeFunction sendmsg = NativeFunction.of("sendmsg", LONG, INT, PTR, INT);
    private final NativeFunction memfdCreate = NativeFunction.of("memfd_create", INT, PTR, INT);
    private final NativeFunction eventfd = NativeFunction.of("eventfd", INT, INT, INT);
    private final NativeFunction getpgid = NativeFunction.of("getpgid", INT, INT);
    private final NativeFunction ioctl = NativeFunction.variadic("ioctl", 2, INT, INT, LONG, PTR);
    private final NativeFunction tcgetattr = NativeFunction.of("tcgetattr", INT, INT, PTR);
    private final NativeFunction tcsetattr = NativeFunction.of("tcsetattr", INT, INT, INT, PTR);
    private final NativeFunction mkfifo = NativeFunction.of("mkfifo", INT, PTR, INT);
    private final NativeFunction unlink = NativeFunction.of("unlink", INT, PTR);
    private final NativeFunction chmod = NativeFunction.of("chmod", INT, PTR, INT);
    private final NativeFunction access = NativeFunction.of("access", INT, PTR, INT);
    private final NativeFunction rename = NativeFunction.of("rename", INT, PTR, PTR);
    private final NativeFunction fchmod = NativeFunction.of("fchmod", INT, INT, INT);
    private final NativeFunction posixSpawn = NativeFunction.of("posix_spawn", INT, PTR, PTR, PTR, PTR, PTR, PTR);
    private final NativeFunction fileActionsInit = NativeFunction.of("posix_spawn_file_actions_init", INT, PTR);
    private final NativeFunction fileActionsDestroy = NativeFunction.of("posix_spawn_file_actions_destroy", INT, PTR);
    private final NativeFunction addDup2 = NativeFunction.of("posix_spawn_file_actions_adddup2", INT, PTR, INT, INT);
    private final NativeFunction addClose = NativeFunction.of("posix_spawn_file_actions_addclose", INT, PTR, INT);
    private final NativeFunction addCloseFrom = NativeFunction.of("posix_spawn_file_actions_addclosefrom_np", INT, PTR, INT);
    private final NativeFunction attrInit = NativeFunction.of("posix_spawnattr_init", INT, PTR);
    private final NativeFunction attrDestroy = NativeFunction.of("posix_spawnattr_destroy", INT, PTR);
    private final NativeFunction attrSetFlags = NativeFunction.of("posix_spawnattr_setflags", INT, PTR, Type.SSHORT);
    private final NativeFunction attrSetSigmask = NativeFunction.of("posix_spawnattr_setsigmask", INT, PTR, PTR);
    private final NativeFunction attrSetSigdefault = NativeFunction.of("posix_spawnattr_setsigdefault", INT, PTR, PTR);

    /** Per thread: a pollfd array reused by every poll of that thread. */
    private final ThreadLocal<NativeMemory> pollFds = ThreadLocal.withInitial(() -> new NativeMemory(0));
    private long syslogIdent;

    private LinuxPosix() {
    }

    private static OsException failure(String operation) {
        return new OsException(operation, NativeFunction.errno());
    }

    @Override
    public int[] pipe() {
        try (NativeMemory fds = new NativeMemory(8)) {
            if (pipe2.call(fds.address(), O_CLOEXEC) != 0) {
                throw failure("pipe2");
            }
            return new int[] {fds.getInt(0), fds.getInt(4)};
        }
    }

    @Override
    public int read(int fd, ByteBuffer buf) {
        return transfer(read, "read", fd, buf);
    }

    @Override
    public int write(int fd, ByteBuffer buf) {
        return transfer(write, "write", fd, buf);
    }

    /** One read(2) or write(2) on buf's remaining space: retries EINTR, -1 for EAGAIN, advances buf. */
    private static int transfer(NativeFunction function, String operation, int fd, ByteBuffer buf) {
        long address = MEMORY.getDirectBufferAddress(buf) + buf.position();
        while (true) {
            long n = function.call(fd, address, buf.remaining());
            if (n >= 0) {
                buf.position(buf.position() + (int) n);
                return (int) n;
            }
            int err = NativeFunction.errno();
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
        close.call(fd);
    }

    @Override
    public int open(String path, int flags, int mode) {
        try (NativeMemory name = NativeMemory.string(path)) {
            int fd = open.callInt(name.address(), flags, mode);
            if (fd < 0) {
                throw failure("open " + path);
            }
            return fd;
        }
    }

    @Override
    public int dup(int fd) {
        int copy = fcntl.callInt(fd, F_DUPFD_CLOEXEC, 3);
        if (copy < 0) {
            throw failure("fcntl(F_DUPFD_CLOEXEC)");
        }
        return copy;
    }

    @Override
    public void dup2(int source, int target) {
        if ((int) dup2.call(source, target) < 0) {
            throw failure("dup2");
        }
    }

    @Override
    public void setNonBlocking(int fd, boolean nonBlocking) {
        int flags = fcntl.callInt(fd, F_GETFL, 0);
        if (flags < 0) {
            throw failure("fcntl(F_GETFL)");
        }
        int wanted = nonBlocking ? flags | O_NONBLOCK : flags & ~O_NONBLOCK;
        if (wanted != flags && fcntl.callInt(fd, F_SETFL, wanted) != 0) {
            throw failure("fcntl(F_SETFL)");
        }
    }

    @Override
    public void setCloseOnExec(int fd, boolean cloexec) {
        if (fcntl.callInt(fd, F_SETFD, cloexec ? FD_CLOEXEC : 0) != 0) {
            throw failure("fcntl(F_SETFD)");
        }
    }

    @Override
    public void setPipeSize(int fd, int bytes) {
        if (fcntl.callInt(fd, F_SETPIPE_SZ, bytes) < 0) {
            throw failure("fcntl(F_SETPIPE_SZ)");
        }
    }

    @Override
    public short[] poll(int[] fds, short[] events, int timeoutMillis) {
        NativeMemory mem = pollFds.get().atLeast(POLLFD.size() * fds.length);
        long base = mem.address();
        for (int i = 0; i < fds.length; i++) {
            long entry = base + POLLFD.size() * i;
            MEMORY.putInt(entry + POLLFD.offset(LinuxStructs.POLLFD_FD), fds[i]);
            MEMORY.putShort(entry + POLLFD.offset(LinuxStructs.POLLFD_EVENTS), events[i]);
            MEMORY.putShort(entry + POLLFD.offset(LinuxStructs.POLLFD_REVENTS), (short) 0);
        }
        int n = (int) poll.call(base, fds.length, timeoutMillis);
        if (n < 0) {
            if (NativeFunction.errno() == EINTR) {
                return new short[0];
            }
            throw failure("poll");
        }
        if (n == 0) {
            return new short[0];
        }
        short[] revents = new short[fds.length];
        for (int i = 0; i < fds.length; i++) {
            revents[i] = MEMORY.getShort(base + POLLFD.size() * i + POLLFD.offset(LinuxStructs.POLLFD_REVENTS));
        }
        return revents;
    }

    @Override
    public WaitResult waitpid(int pid, boolean noHang) {
        try (NativeMemory status = new NativeMemory(4)) {
            while (true) {
                int r = (int) waitpid.call(pid, status.address(), noHang ? WNOHANG : 0);
                if (r > 0) {
                    return new WaitResult(r, status.getInt(0));
                }
                if (r == 0) {
                    return null;
                }
                int err = NativeFunction.errno();
                if (err != EINTR) {
                    throw new OsException("waitpid", err);
                }
            }
        }
    }

    @Override
    public int kill(int pid, int signal) {
        return (int) kill.call(pid, signal) == 0 ? 0 : NativeFunction.errno();
    }

    @Override
    public void setChildSubreaper(boolean on) {
        if ((int) prctl.call(PR_SET_CHILD_SUBREAPER, on ? 1 : 0, 0, 0, 0) != 0) {
            throw failure("prctl(PR_SET_CHILD_SUBREAPER)");
        }
    }

    @Override
    public int umask(int mask) {
        return (int) umask.call(mask);
    }

    @Override
    public void releaseFreeMemory() {
        mallocTrim.call(0);
    }

    @Override
    public void setsid() {
        if ((int) setsid.call() < 0) {
            throw failure("setsid");
        }
    }

    @Override
    public void syslog(int priority, String message) {
        synchronized (this) {
            if (syslogIdent == 0) {
                // openlog keeps the pointer: the ident lives as long as this process
                syslogIdent = NativeMemory.permanentString("conmon");
                openlog.call(syslogIdent, 0, LOG_USER);
            }
        }
        try (NativeMemory format = NativeMemory.string("%s"); NativeMemory text = NativeMemory.string(message)) {
            syslog.call(priority, format.address(), text.address());
        }
    }

    @Override
    public int spawn(SpawnRequest request) {
        try (NativeMemory actions = new NativeMemory(LinuxStructs.SPAWN_OPAQUE_SIZE);
             NativeMemory attr = new NativeMemory(LinuxStructs.SPAWN_OPAQUE_SIZE);
             NativeMemory mask = signalSet(request.blockedSignals());
             NativeMemory all = new NativeMemory(LinuxStructs.SIGSET_SIZE);
             NativeMemory pid = new NativeMemory(4);
             NativeStrings argv = new NativeStrings(request.argv());
             NativeStrings envp = new NativeStrings(request.env());
             NativeMemory path = NativeMemory.string(request.path())) {
            check("posix_spawn_file_actions_init", fileActionsInit.callInt(actions.address()));
            check("posix_spawnattr_init", attrInit.callInt(attr.address()));
            try {
                TreeSet<Integer> targets = new TreeSet<>(request.keepFds());
                targets.addAll(request.fdMap().keySet());
                for (Map.Entry<Integer, Integer> e : request.fdMap().entrySet()) {
                    check("adddup2", addDup2.callInt(actions.address(), e.getValue(), e.getKey()));
                }
                // dup2 onto itself clears FD_CLOEXEC in the child (glibc >= 2.29)
                for (int fd : request.keepFds()) {
                    check("adddup2", addDup2.callInt(actions.address(), fd, fd));
                }
                int highest = targets.isEmpty() ? -1 : targets.last();
                for (int fd : openFds()) {
                    if (fd < highest && !targets.contains(fd)) {
                        check("addclose", addClose.callInt(actions.address(), fd));
                    }
                }
                check("addclosefrom", addCloseFrom.callInt(actions.address(), highest + 1));
                sigfillset.call(all.address());
                short flags = (short) (POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
                        | (request.newSession() ? POSIX_SPAWN_SETSID : 0));
                check("setflags", attrSetFlags.callInt(attr.address(), flags));
                check("setsigmask", attrSetSigmask.callInt(attr.address(), mask.address()));
                check("setsigdefault", attrSetSigdefault.callInt(attr.address(), all.address()));
                check("posix_spawn " + request.path(), posixSpawn.callInt(pid.address(), path.address(),
                        actions.address(), attr.address(), argv.address(), envp.address()));
                return pid.getInt(0);
            } finally {
                fileActionsDestroy.call(actions.address());
                attrDestroy.call(attr.address());
            }
        }
    }

    @Override
    public int socket(int type) {
        int fd = (int) socket.call(AF_UNIX, type | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw failure("socket");
        }
        return fd;
    }

    @Override
    public void bind(int fd, String path) {
        try (NativeMemory addr = socketAddress(path)) {
            if ((int) bind.call(fd, addr.address(), addr.size()) != 0) {
                throw failure("bind " + path);
            }
        }
    }

    @Override
    public void connect(int fd, String path) {
        try (NativeMemory addr = socketAddress(path)) {
            while ((int) connect.call(fd, addr.address(), addr.size()) != 0) {
                if (NativeFunction.errno() != EINTR) {
                    throw failure("connect " + path);
                }
            }
        }
    }

    /** struct sockaddr_un for path, sized to the path and its NUL. */
    private static NativeMemory socketAddress(String path) {
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        if (bytes.length >= LinuxStructs.SUN_PATH_MAX) {
            throw new OsException("socket path too long: " + path, ENAMETOOLONG);
        }
        long pathOffset = SOCKADDR_UN.offset(LinuxStructs.SUN_PATH);
        NativeMemory addr = new NativeMemory(pathOffset + bytes.length + 1);
        MEMORY.putShort(addr.address() + SOCKADDR_UN.offset(LinuxStructs.SUN_FAMILY), (short) AF_UNIX);
        MEMORY.putByteArray(addr.address() + pathOffset, bytes, 0, bytes.length);
        return addr;
    }

    @Override
    public void listen(int fd, int backlog) {
        if ((int) listen.call(fd, backlog) != 0) {
            throw failure("listen");
        }
    }

    @Override
    public int accept(int fd) {
        while (true) {
            int client = (int) accept4.call(fd, 0, 0, SOCK_CLOEXEC);
            if (client >= 0) {
                return client;
            }
            int err = NativeFunction.errno();
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
        shutdown.call(fd, how);
    }

    @Override
    public int receiveFd(int socket) {
        long controlSpace = LinuxStructs.cmsgSpace(Integer.BYTES);
        try (NativeMemory name = new NativeMemory(CONSOLE_NAME_MAX);
             NativeMemory iov = new NativeMemory(IOVEC.size());
             NativeMemory control = new NativeMemory(controlSpace);
             NativeMemory msg = new NativeMemory(MSGHDR.size())) {
            MEMORY.putAddress(iov.address() + IOVEC.offset(LinuxStructs.IOV_BASE), name.address());
            MEMORY.putLong(iov.address() + IOVEC.offset(LinuxStructs.IOV_LEN), CONSOLE_NAME_MAX);
            MEMORY.putAddress(msg.address() + MSGHDR.offset(LinuxStructs.MSG_IOV), iov.address());
            MEMORY.putLong(msg.address() + MSGHDR.offset(LinuxStructs.MSG_IOVLEN), 1);
            MEMORY.putAddress(msg.address() + MSGHDR.offset(LinuxStructs.MSG_CONTROL), control.address());
            MEMORY.putLong(msg.address() + MSGHDR.offset(LinuxStructs.MSG_CONTROLLEN), controlSpace);
            long n;
            do {
                n = recvmsg.call(socket, msg.address(), MSG_CMSG_CLOEXEC);
            } while (n < 0 && NativeFunction.errno() == EINTR);
            if (n < 0) {
                throw failure("recvmsg");
            }
            long expected = LinuxStructs.cmsgLen(Integer.BYTES);
            long controlLength = MEMORY.getLong(msg.address() + MSGHDR.offset(LinuxStructs.MSG_CONTROLLEN));
            long header = control.address();
            if (controlLength < expected || MEMORY.getLong(header + CMSGHDR.offset(LinuxStructs.CMSG_LEN_FIELD)) != expected
                    || MEMORY.getInt(header + CMSGHDR.offset(LinuxStructs.CMSG_LEVEL)) != SOL_SOCKET
                    || MEMORY.getInt(header + CMSGHDR.offset(LinuxStructs.CMSG_TYPE)) != SCM_RIGHTS) {
                throw new OsException("recvmsg: no file descriptor in the message", EBADF);
            }
            return MEMORY.getInt(header + LinuxStructs.cmsgAlign(CMSGHDR.size()));
        }
    }

    @Override
    public int sendTo(int fd, String path, ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        try (NativeMemory addr = socketAddress(path); NativeMemory payload = new NativeMemory(Math.max(1, bytes.length))) {
            MEMORY.putByteArray(payload.address(), bytes, 0, bytes.length);
            return sendMessage(fd, addr, payload.address(), bytes.length, null);
        }
    }

    @Override
    public int sendFdTo(int fd, String path, int passed) {
        try (NativeMemory addr = socketAddress(path);
             NativeMemory control = new NativeMemory(LinuxStructs.cmsgSpace(Integer.BYTES))) {
            long header = control.address();
            MEMORY.putLong(header + CMSGHDR.offset(LinuxStructs.CMSG_LEN_FIELD), LinuxStructs.cmsgLen(Integer.BYTES));
            MEMORY.putInt(header + CMSGHDR.offset(LinuxStructs.CMSG_LEVEL), SOL_SOCKET);
            MEMORY.putInt(header + CMSGHDR.offset(LinuxStructs.CMSG_TYPE), SCM_RIGHTS);
            MEMORY.putInt(header + LinuxStructs.cmsgAlign(CMSGHDR.size()), passed);
            return sendMessage(fd, addr, 0, 0, control);
        }
    }

    /** sendmsg(2) of one datagram to addr; 0 or the errno. */
    private int sendMessage(int fd, NativeMemory addr, long payload, long length, NativeMemory control) {
        try (NativeMemory msg = new NativeMemory(MSGHDR.size()); NativeMemory iov = new NativeMemory(IOVEC.size())) {
            MEMORY.putAddress(msg.address() + MSGHDR.offset(LinuxStructs.MSG_NAME), addr.address());
            MEMORY.putInt(msg.address() + MSGHDR.offset(LinuxStructs.MSG_NAMELEN), (int) addr.size());
            if (payload != 0) {
                MEMORY.putAddress(iov.address() + IOVEC.offset(LinuxStructs.IOV_BASE), payload);
                MEMORY.putLong(iov.address() + IOVEC.offset(LinuxStructs.IOV_LEN), length);
                MEMORY.putAddress(msg.address() + MSGHDR.offset(LinuxStructs.MSG_IOV), iov.address());
                MEMORY.putLong(msg.address() + MSGHDR.offset(LinuxStructs.MSG_IOVLEN), 1);
            }
            if (control != null) {
                MEMORY.putAddress(msg.address() + MSGHDR.offset(LinuxStructs.MSG_CONTROL), control.address());
                MEMORY.putLong(msg.address() + MSGHDR.offset(LinuxStructs.MSG_CONTROLLEN), control.size());
            }
            while (sendmsg.call(fd, msg.address(), MSG_NOSIGNAL) < 0) {
                int err = NativeFunction.errno();
                if (err != EINTR) {
                    return err;
                }
            }
            return 0;
        }
    }

    @Override
    public int memfd(String name) {
        try (NativeMemory text = NativeMemory.string(name)) {
            int fd = (int) memfdCreate.call(text.address(), MFD_CLOEXEC | MFD_ALLOW_SEALING);
            if (fd < 0) {
                throw failure("memfd_create");
            }
            return fd;
        }
    }

    @Override
    public void sealAll(int fd) {
        if (fcntl.callInt(fd, F_ADD_SEALS, F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE) != 0) {
            throw failure("fcntl(F_ADD_SEALS)");
        }
    }

    @Override
    public int eventfd() {
        int fd = (int) eventfd.call(0, O_CLOEXEC);
        if (fd < 0) {
            throw failure("eventfd");
        }
        return fd;
    }

    @Override
    public int processGroup(int pid) {
        return (int) getpgid.call(pid);
    }

    @Override
    public void setWindowSize(int fd, int rows, int columns) {
        try (NativeMemory size = new NativeMemory(WINSIZE.size())) {
            MEMORY.putShort(size.address() + WINSIZE.offset(LinuxStructs.WS_ROW), (short) rows);
            MEMORY.putShort(size.address() + WINSIZE.offset(LinuxStructs.WS_COL), (short) columns);
            if ((int) ioctl.call(fd, TIOCSWINSZ, size.address()) != 0) {
                throw failure("ioctl(TIOCSWINSZ)");
            }
        }
    }

    @Override
    public void setOutputNewlineTranslation(int fd) {
        try (NativeMemory termios = new NativeMemory(TERMIOS.size())) {
            if ((int) tcgetattr.call(fd, termios.address()) != 0) {
                throw failure("tcgetattr");
            }
            long oflag = termios.address() + TERMIOS.offset(LinuxStructs.C_OFLAG);
            MEMORY.putInt(oflag, MEMORY.getInt(oflag) | ONLCR);
            if ((int) tcsetattr.call(fd, TCSANOW, termios.address()) != 0) {
                throw failure("tcsetattr");
            }
        }
    }

    @Override
    public void mkfifo(String path, int mode) {
        pathCall(mkfifo, "mkfifo", path, mode);
    }

    @Override
    public void unlink(String path) {
        try (NativeMemory name = NativeMemory.string(path)) {
            if ((int) unlink.call(name.address()) != 0 && NativeFunction.errno() != ENOENT) {
                throw failure("unlink " + path);
            }
        }
    }

    @Override
    public void chmod(String path, int mode) {
        pathCall(chmod, "chmod", path, mode);
    }

    @Override
    public int access(String path, int mode) {
        try (NativeMemory name = NativeMemory.string(path)) {
            return (int) access.call(name.address(), mode) == 0 ? 0 : NativeFunction.errno();
        }
    }

    @Override
    public void rename(String from, String to) {
        try (NativeMemory source = NativeMemory.string(from); NativeMemory target = NativeMemory.string(to)) {
            if ((int) rename.call(source.address(), target.address()) != 0) {
                throw failure("rename " + from);
            }
        }
    }

    /** A call of function(path, mode) that fails with an OsException naming the path. */
    private static void pathCall(NativeFunction function, String operation, String path, int mode) {
        try (NativeMemory name = NativeMemory.string(path)) {
            if ((int) function.call(name.address(), mode) != 0) {
                throw failure(operation + " " + path);
            }
        }
    }

    @Override
    public void fchmod(int fd, int mode) {
        if ((int) fchmod.call(fd, mode) != 0) {
            throw failure("fchmod");
        }
    }

    private NativeMemory signalSet(Iterable<Integer> signals) {
        NativeMemory set = new NativeMemory(LinuxStructs.SIGSET_SIZE);
        sigemptyset.call(set.address());
        for (int signal : signals) {
            sigaddset.call(set.address(), signal);
        }
        return set;
    }

    @Override
    public int signalfd(Set<Integer> signals) {
        try (NativeMemory set = signalSet(signals)) {
            int fd = (int) signalfd.call(-1, set.address(), O_CLOEXEC);
            if (fd < 0) {
                throw failure("signalfd");
            }
            return fd;
        }
    }

    @Override
    public int readSignal(int fd) {
        ByteBuffer info = ByteBuffer.allocateDirect((int) LinuxStructs.SIGNALFD_SIGINFO_SIZE).order(ByteOrder.nativeOrder());
        while (info.hasRemaining()) {
            if (read(fd, info) <= 0) {
                throw new OsException("read signalfd", EBADF);
            }
        }
        return info.getInt(0);
    }

    private static void check(String what, int rc) {
        if (rc != 0) {
            throw new OsException(what, rc);
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
        fds.removeIf(fd -> INSTANCE.fcntl.callInt(fd, F_GETFD, 0) < 0);
        return fds;
    }

    /**
     * Whether fd, open at start, was opened by this process rather than passed by its caller: close-on-exec (a
     * passed fd survived an exec, so it has no FD_CLOEXEC), or this process's own executable.
     */
    static boolean openedByThisProcess(int fd) {
        int flags = INSTANCE.fcntl.callInt(fd, F_GETFD, 0);
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

    /** Memory outside the Java heap, freed when closed. */
    private static final class NativeMemory implements AutoCloseable {
        private long address;
        private long size;

        NativeMemory(long size) {
            this.size = size;
            this.address = size == 0 ? 0 : MEMORY.allocateMemory(size, true);
        }

        static NativeMemory string(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            NativeMemory memory = new NativeMemory(bytes.length + 1);
            MEMORY.putByteArray(memory.address, bytes, 0, bytes.length);
            return memory;
        }

        /** A NUL-terminated copy that is never freed. */
        static long permanentString(String text) {
            NativeMemory memory = string(text);
            return memory.address;
        }

        /** This memory grown to at least size bytes (its contents are not kept). */
        NativeMemory atLeast(long wanted) {
            if (size < wanted) {
                close();
                size = Math.max(wanted, 2 * size);
                address = MEMORY.allocateMemory(size, true);
            }
            return this;
        }

        long address() {
            return address;
        }

        long size() {
            return size;
        }

        int getInt(long offset) {
            return MEMORY.getInt(address + offset);
        }

        @Override
        public void close() {
            if (address != 0) {
                MEMORY.freeMemory(address);
                address = 0;
            }
        }
    }

    /** A NULL-terminated char*[] in native memory. */
    private static final class NativeStrings implements AutoCloseable {
        private final NativeMemory array;
        private final List<NativeMemory> strings = new ArrayList<>();

        NativeStrings(List<String> values) {
            array = new NativeMemory((long) Type.POINTER.size() * (values.size() + 1));
            for (int i = 0; i < values.size(); i++) {
                NativeMemory text = NativeMemory.string(values.get(i));
                strings.add(text);
                MEMORY.putAddress(array.address() + (long) Type.POINTER.size() * i, text.address());
            }
        }

        long address() {
            return array.address();
        }

        @Override
        public void close() {
            strings.forEach(NativeMemory::close);
            array.close();
        }
    }
}
