package io.conmonj.os;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jnr.posix.FileStat;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;

/**
 * conmonj's own libc bindings (jffi calls with layouts and constants written here) checked against an
 * independent implementation, jnr-posix (jnr-ffi's generated bindings, jnr-constants' tables): both
 * must see the same files, modes, descriptors, process group and errno.
 */
class LinuxPosixOracleTest {
    private final Posix ours = Posix.load();
    private final POSIX oracle = POSIXFactory.getNativePOSIX();

    @TempDir
    Path tmp;

    @Test
    void filesCreatedHereHaveTheModesTheOracleSees() {
        String fifo = tmp.resolve("ctl").toString();
        int umask = ours.umask(022);
        ours.umask(umask);
        ours.mkfifo(fifo, 0666);
        FileStat stat = oracle.stat(fifo);
        assertTrue(stat.isFifo());
        assertEquals(0666 & ~umask, stat.mode() & 07777);
        ours.chmod(fifo, 0600);
        assertEquals(0600, oracle.stat(fifo).mode() & 07777);
        int socket = ours.socket(Posix.SOCK_SEQPACKET);
        try {
            String path = tmp.resolve("attach").toString();
            ours.bind(socket, path);
            assertTrue(oracle.stat(path).isSocket());
        } finally {
            ours.close(socket);
        }
    }

    @Test
    void pipesAndFlagsAgree() {
        int[] pipe = ours.pipe();
        try {
            ours.writeFully(pipe[1], new byte[] {1, 2, 3});
            byte[] read = new byte[3];
            assertEquals(3, oracle.read(pipe[0], read, 3));
            assertArrayEquals(new byte[] {1, 2, 3}, read);
            int before = oracle.fcntl(pipe[0], jnr.constants.platform.Fcntl.F_GETFL);
            ours.setNonBlocking(pipe[0], true);
            assertEquals(before | Posix.O_NONBLOCK, oracle.fcntl(pipe[0], jnr.constants.platform.Fcntl.F_GETFL));
            ByteBuffer empty = ByteBuffer.allocateDirect(8);
            assertEquals(-1, ours.read(pipe[0], empty), "EAGAIN reads as -1 on a non-blocking empty pipe");
        } finally {
            ours.close(pipe[0]);
            ours.close(pipe[1]);
        }
    }

    @Test
    void processGroupUmaskAndErrnoAgree() {
        assertEquals(oracle.getpgid(oracle.getpid()), ours.processGroup((int) ProcessHandle.current().pid()));
        int previous = ours.umask(027);
        try {
            assertEquals(027, oracle.umask(027));
        } finally {
            ours.umask(previous);
        }
        OsException missing = assertThrows(OsException.class,
                () -> ours.open(tmp.resolve("missing").toString(), Posix.O_RDONLY, 0));
        assertEquals(-1, oracle.access(tmp.resolve("missing").toString(), 0));
        assertEquals(oracle.errno(), missing.errno());
        assertEquals("No such file or directory", missing.strerror());
    }
}
