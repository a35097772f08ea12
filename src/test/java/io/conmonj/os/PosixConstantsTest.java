package io.conmonj.os;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import jnr.constants.Constant;

/**
 * The constants conmonj compiles in are the values of the Linux architectures it supports, as
 * jnr-constants' tables for them give (x86_64 is the base table, aarch64 a table of its own).
 */
class PosixConstantsTest {
    /** table class name -> constant name -> conmonj's value. */
    private static final Map<String, Map<String, Long>> EXPECTED = Map.of(
            "OpenFlags", Map.of("O_RDONLY", (long) Posix.O_RDONLY, "O_WRONLY", (long) Posix.O_WRONLY,
                    "O_RDWR", (long) Posix.O_RDWR, "O_CREAT", (long) Posix.O_CREAT, "O_EXCL", (long) Posix.O_EXCL,
                    "O_TRUNC", (long) Posix.O_TRUNC, "O_APPEND", (long) Posix.O_APPEND,
                    "O_NONBLOCK", (long) Posix.O_NONBLOCK, "O_CLOEXEC", (long) Posix.O_CLOEXEC),
            "Sock", Map.of("SOCK_STREAM", (long) Posix.SOCK_STREAM, "SOCK_DGRAM", (long) Posix.SOCK_DGRAM,
                    "SOCK_SEQPACKET", (long) Posix.SOCK_SEQPACKET, "SOCK_CLOEXEC", (long) LinuxPosix.SOCK_CLOEXEC),
            "Shutdown", Map.of("SHUT_RD", (long) Posix.SHUT_RD, "SHUT_WR", (long) Posix.SHUT_WR,
                    "SHUT_RDWR", (long) Posix.SHUT_RDWR),
            "Errno", Map.ofEntries(Map.entry("ENOENT", (long) Posix.ENOENT), Map.entry("ESRCH", (long) Posix.ESRCH),
                    Map.entry("EINTR", (long) Posix.EINTR), Map.entry("EIO", (long) Posix.EIO),
                    Map.entry("EBADF", (long) Posix.EBADF), Map.entry("ECHILD", (long) Posix.ECHILD),
                    Map.entry("EAGAIN", (long) Posix.EAGAIN), Map.entry("EEXIST", (long) Posix.EEXIST),
                    Map.entry("EPIPE", (long) Posix.EPIPE), Map.entry("ENAMETOOLONG", (long) Posix.ENAMETOOLONG),
                    Map.entry("EMSGSIZE", (long) Posix.EMSGSIZE), Map.entry("EADDRINUSE", (long) Posix.EADDRINUSE),
                    Map.entry("ENOBUFS", (long) Posix.ENOBUFS)),
            "Signal", Map.of("SIGINT", (long) Posix.SIGINT, "SIGQUIT", (long) Posix.SIGQUIT,
                    "SIGKILL", (long) Posix.SIGKILL, "SIGUSR1", (long) Posix.SIGUSR1, "SIGTERM", (long) Posix.SIGTERM,
                    "SIGCHLD", (long) Posix.SIGCHLD),
            "Fcntl", Map.of("F_GETFD", (long) LinuxPosix.F_GETFD, "F_SETFD", (long) LinuxPosix.F_SETFD,
                    "F_GETFL", (long) LinuxPosix.F_GETFL, "F_SETFL", (long) LinuxPosix.F_SETFL,
                    "F_SETPIPE_SZ", (long) LinuxPosix.F_SETPIPE_SZ),
            "WaitFlags", Map.of("WNOHANG", (long) LinuxPosix.WNOHANG),
            "AddressFamily", Map.of("AF_UNIX", (long) LinuxPosix.AF_UNIX),
            "SocketLevel", Map.of("SOL_SOCKET", (long) LinuxPosix.SOL_SOCKET),
            "SocketControlMessage", Map.of("SCM_RIGHTS", (long) LinuxPosix.SCM_RIGHTS));

    @ParameterizedTest
    @ValueSource(strings = {"", "aarch64."})
    @SuppressWarnings({"unchecked", "rawtypes"})
    void theCompiledInValuesAreTheArchitecturesOwn(String architecture) throws Exception {
        for (Map.Entry<String, Map<String, Long>> table : EXPECTED.entrySet()) {
            Class<? extends Enum> type = (Class<? extends Enum>) Class.forName(
                    "jnr.constants.platform.linux." + architecture + table.getKey());
            for (Map.Entry<String, Long> constant : table.getValue().entrySet()) {
                Constant value = (Constant) Enum.valueOf(type, constant.getKey());
                assertEquals(value.longValue(), (long) constant.getValue(), architecture + table.getKey() + "." + constant.getKey());
            }
        }
    }
}
