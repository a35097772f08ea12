package io.conmonj.os;

import java.nio.ByteBuffer;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The raw glibc functions conmonj calls, bound by jnr-ffi (public only because jnr-ffi generates the
 * implementation in its own class loader). Callers use {@link Posix},
 * so this binding can be swapped (e.g. for java.lang.foreign downcalls in a native image).
 */
@SaveError
public interface Libc {
    int pipe2(@Out int[] fds, int flags);

    @ssize_t long read(int fd, @Out ByteBuffer buf, @size_t long count);

    @ssize_t long write(int fd, @In ByteBuffer buf, @size_t long count);

    int close(int fd);

    int dup2(int oldfd, int newfd);

    int open(CharSequence path, int flags, int mode);

    int fcntl(int fd, int cmd, int arg);

    int poll(Pointer fds, long nfds, int timeout);

    int waitpid(int pid, @Out int[] status, int options);

    int kill(int pid, int sig);

    int prctl(int option, long arg2, long arg3, long arg4, long arg5);

    int umask(int mask);

    void syslog(int priority, CharSequence format, CharSequence arg);

    void openlog(Pointer ident, int option, int facility);

    int sigemptyset(Pointer set);

    int sigfillset(Pointer set);

    int sigaddset(Pointer set, int signal);

    int signalfd(int fd, Pointer mask, int flags);

    int socket(int domain, int type, int protocol);

    int bind(int fd, Pointer addr, int len);

    int connect(int fd, Pointer addr, int len);

    int listen(int fd, int backlog);

    int accept4(int fd, Pointer addr, Pointer len, int flags);

    int shutdown(int fd, int how);

    @ssize_t long recvmsg(int fd, Pointer msg, int flags);

    @ssize_t long sendmsg(int fd, Pointer msg, int flags);

    int memfd_create(CharSequence name, int flags);

    int eventfd(int initval, int flags);

    int getpgid(int pid);

    int ioctl(int fd, long request, Pointer arg);

    int tcgetattr(int fd, Pointer termios);

    int tcsetattr(int fd, int action, Pointer termios);

    int mkfifo(CharSequence path, int mode);

    int unlink(CharSequence path);

    int access(CharSequence path, int mode);

    int rename(CharSequence from, CharSequence to);

    int chmod(CharSequence path, int mode);

    int fchmod(int fd, int mode);

    int posix_spawn(@Out int[] pid, CharSequence path, Pointer fileActions, Pointer attr,
                    Pointer argv, Pointer envp);

    int posix_spawn_file_actions_init(Pointer fileActions);

    int posix_spawn_file_actions_destroy(Pointer fileActions);

    int posix_spawn_file_actions_adddup2(Pointer fileActions, int fd, int newfd);

    int posix_spawn_file_actions_addclose(Pointer fileActions, int fd);

    int posix_spawn_file_actions_addopen(Pointer fileActions, int fd, CharSequence path, int flags, int mode);

    int posix_spawn_file_actions_addclosefrom_np(Pointer fileActions, int from);

    int posix_spawnattr_init(Pointer attr);

    int posix_spawnattr_destroy(Pointer attr);

    int posix_spawnattr_setflags(Pointer attr, short flags);

    int posix_spawnattr_setsigmask(Pointer attr, Pointer sigmask);

    int posix_spawnattr_setsigdefault(Pointer attr, Pointer sigdefault);
}
