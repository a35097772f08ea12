package io.conmonj.os;

import static io.conmonj.os.StructLayout.array;
import static io.conmonj.os.StructLayout.field;

import com.kenai.jffi.Type;

/** The layouts of the Linux and glibc structs conmonj passes to libc, from their C declarations. */
final class LinuxStructs {
    /** struct pollfd { int fd; short events; short revents; } */
    static final StructLayout POLLFD = StructLayout.of(field(Type.SINT), field(Type.SSHORT), field(Type.SSHORT));
    static final int POLLFD_FD = 0;
    static final int POLLFD_EVENTS = 1;
    static final int POLLFD_REVENTS = 2;

    /** struct iovec { void *iov_base; size_t iov_len; } */
    static final StructLayout IOVEC = StructLayout.of(field(Type.POINTER), field(Type.ULONG));
    static final int IOV_BASE = 0;
    static final int IOV_LEN = 1;

    /**
     * struct msghdr { void *msg_name; socklen_t msg_namelen; struct iovec *msg_iov; size_t msg_iovlen;
     * void *msg_control; size_t msg_controllen; int msg_flags; }
     */
    static final StructLayout MSGHDR = StructLayout.of(field(Type.POINTER), field(Type.UINT32), field(Type.POINTER),
            field(Type.ULONG), field(Type.POINTER), field(Type.ULONG), field(Type.SINT));
    static final int MSG_NAME = 0;
    static final int MSG_NAMELEN = 1;
    static final int MSG_IOV = 2;
    static final int MSG_IOVLEN = 3;
    static final int MSG_CONTROL = 4;
    static final int MSG_CONTROLLEN = 5;

    /** struct cmsghdr { size_t cmsg_len; int cmsg_level; int cmsg_type; } followed by the data. */
    static final StructLayout CMSGHDR = StructLayout.of(field(Type.ULONG), field(Type.SINT), field(Type.SINT));
    static final int CMSG_LEN_FIELD = 0;
    static final int CMSG_LEVEL = 1;
    static final int CMSG_TYPE = 2;

    /** struct sockaddr_un { sa_family_t sun_family; char sun_path[108]; } */
    static final StructLayout SOCKADDR_UN = StructLayout.of(field(Type.UINT16), array(Type.UINT8, 108));
    static final int SUN_FAMILY = 0;
    static final int SUN_PATH = 1;
    static final int SUN_PATH_MAX = 108;

    /** struct winsize { unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel; } */
    static final StructLayout WINSIZE = StructLayout.of(field(Type.UINT16), field(Type.UINT16), field(Type.UINT16),
            field(Type.UINT16));
    static final int WS_ROW = 0;
    static final int WS_COL = 1;

    /**
     * glibc's struct termios { tcflag_t c_iflag, c_oflag, c_cflag, c_lflag; cc_t c_line; cc_t c_cc[32];
     * speed_t c_ispeed, c_ospeed; } (the generic layout; only c_oflag is touched).
     */
    static final StructLayout TERMIOS = StructLayout.of(field(Type.UINT32), field(Type.UINT32), field(Type.UINT32),
            field(Type.UINT32), field(Type.UINT8), array(Type.UINT8, 32), field(Type.UINT32), field(Type.UINT32));
    static final int C_OFLAG = 1;

    /** struct signalfd_siginfo: 128 bytes, the signal number first. */
    static final long SIGNALFD_SIGINFO_SIZE = 128;
    /** glibc's sigset_t: 1024 bits. */
    static final long SIGSET_SIZE = 128;
    /** glibc's posix_spawn_file_actions_t and posix_spawnattr_t are opaque: room enough for either. */
    static final long SPAWN_OPAQUE_SIZE = 1024;

    private LinuxStructs() {
    }

    /** CMSG_ALIGN: control messages are aligned to size_t. */
    static long cmsgAlign(long length) {
        return StructLayout.alignUp(length, Type.ULONG.size());
    }

    /** CMSG_LEN(length): header and data. */
    static long cmsgLen(long length) {
        return cmsgAlign(CMSGHDR.size()) + length;
    }

    /** CMSG_SPACE(length): header and data, padded. */
    static long cmsgSpace(long length) {
        return cmsgAlign(CMSGHDR.size()) + cmsgAlign(length);
    }
}
