package io.conmonj.io;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import io.conmonj.diag.FatalError;
import io.conmonj.os.OsException;
import io.conmonj.os.Posix;
import io.conmonj.stream.StreamType;
import io.conmonj.terminal.ConsoleSocket;
import io.conmonj.terminal.Terminal;

/**
 * How the container's stdio is wired, one type per mode (as conmon-rs's {@code ContainerIO}): plain
 * pipes, a terminal (the runtime sends the pty master over a console socket; stderr stays a pipe for
 * the runtime's own errors), or passthrough (the container writes to the caller's stdio directly).
 * Each mode says what the runtime gets, which ends the monitor keeps, and what it reads afterwards.
 */
public sealed interface ContainerStdio {
    /** The most a failed runtime's error message takes from its stderr. */
    int RUNTIME_ERROR_MAX = 8191;

    /** The stdio a monitor gives a container created with these options. */
    static ContainerStdio create(Posix posix, boolean passthrough, boolean terminal, boolean stdin) {
        if (passthrough) {
            return new Passthrough();
        }
        if (terminal) {
            return new Tty(ConsoleSocket.create(posix), Pipe.forOutput(posix), nullDevice(posix, Posix.O_RDONLY),
                    nullDevice(posix, Posix.O_WRONLY));
        }
        Pipe in = stdin ? Pipe.forInput(posix) : null;
        return new Pipes(Optional.ofNullable(in), Pipe.forOutput(posix), Pipe.forOutput(posix),
                in == null ? nullDevice(posix, Posix.O_RDONLY) : -1);
    }

    /** As conmon: a read-only /dev/null where the runtime gets no stdin, a write-only one for no stdout. */
    private static int nullDevice(Posix posix, int access) {
        return posix.open("/dev/null", access | Posix.O_CLOEXEC, 0);
    }

    /** The runtime's fds 0, 1 and 2; empty when it inherits the caller's. */
    Map<Integer, Integer> runtimeStdio();

    /** The --console-socket path for the runtime, if any. */
    default Optional<String> consoleSocket() {
        return Optional.empty();
    }

    /** Whether the monitor takes over the container's output (not so in passthrough). */
    default boolean monitored() {
        return true;
    }

    /** The container's ends of its pipes (made usable by any user, as the container may run as another). */
    default List<Integer> containerEnds() {
        return List.of();
    }

    /** The runtime has its ends now: closes the monitor's copies, so EOF means the container closed them. */
    void runtimeSpawned(Posix posix);

    /** What a failed runtime wrote on stderr (at most {@link #RUNTIME_ERROR_MAX} bytes), without blocking. */
    default byte[] runtimeError(Posix posix) {
        return new byte[0];
    }

    /** After a successful create: the monitor's ends of the container's streams. */
    Streams connect(Posix posix);

    /** Releases what connect will not be called for (a failed create). */
    void abandon(Posix posix);

    /** The container's streams as the monitor sees them once it runs. */
    record Streams(List<OutputReader.Source> outputs, OptionalInt stdin, Optional<Terminal> terminal) {
        static Streams none() {
            return new Streams(List.of(), OptionalInt.empty(), Optional.empty());
        }
    }

    /** Pipes for stdout and stderr, and for stdin with -i (else /dev/null). */
    record Pipes(Optional<Pipe> stdin, Pipe stdout, Pipe stderr, int nullIn) implements ContainerStdio {
        @Override
        public Map<Integer, Integer> runtimeStdio() {
            return Map.of(0, stdin.map(Pipe::readEnd).orElse(nullIn), 1, stdout.writeEnd(), 2, stderr.writeEnd());
        }

        @Override
        public List<Integer> containerEnds() {
            List<Integer> ends = new java.util.ArrayList<>(List.of(stdout.writeEnd(), stderr.writeEnd()));
            stdin.ifPresent(p -> ends.add(p.readEnd()));
            return ends;
        }

        @Override
        public void runtimeSpawned(Posix posix) {
            stdin.ifPresent(p -> posix.close(p.readEnd()));
            closeIfOpen(posix, nullIn);
            posix.close(stdout.writeEnd());
            posix.close(stderr.writeEnd());
        }

        @Override
        public byte[] runtimeError(Posix posix) {
            return readAvailable(posix, stderr.readEnd());
        }

        @Override
        public Streams connect(Posix posix) {
            return new Streams(List.of(new OutputReader.Source(stdout.readEnd(), StreamType.STDOUT, false),
                    new OutputReader.Source(stderr.readEnd(), StreamType.STDERR, false)),
                    stdin.map(p -> OptionalInt.of(p.writeEnd())).orElse(OptionalInt.empty()), Optional.empty());
        }

        @Override
        public void abandon(Posix posix) {
            stdin.ifPresent(p -> posix.close(p.writeEnd()));
            posix.close(stdout.readEnd());
            posix.close(stderr.readEnd());
        }
    }

    /** A terminal: output and input through the pty master the runtime sends; stderr a pipe. */
    record Tty(ConsoleSocket console, Pipe stderr, int nullIn, int nullOut) implements ContainerStdio {
        @Override
        public Map<Integer, Integer> runtimeStdio() {
            return Map.of(0, nullIn, 1, nullOut, 2, stderr.writeEnd());
        }

        @Override
        public Optional<String> consoleSocket() {
            return Optional.of(console.path());
        }

        @Override
        public List<Integer> containerEnds() {
            return List.of(stderr.writeEnd());
        }

        @Override
        public void runtimeSpawned(Posix posix) {
            posix.close(nullIn);
            posix.close(nullOut);
            posix.close(stderr.writeEnd());
        }

        @Override
        public byte[] runtimeError(Posix posix) {
            return readAvailable(posix, stderr.readEnd());
        }

        @Override
        public Streams connect(Posix posix) {
            OptionalInt master = console.receiveMaster();
            if (master.isEmpty()) {
                throw FatalError.of("Runtime did not set up terminal");
            }
            Terminal pty = Terminal.of(posix, master.getAsInt());
            return new Streams(List.of(new OutputReader.Source(pty.output(), StreamType.STDOUT, true),
                    new OutputReader.Source(stderr.readEnd(), StreamType.STDERR, false)),
                    OptionalInt.of(pty.input()), Optional.of(pty));
        }

        @Override
        public void abandon(Posix posix) {
            console.close();
            posix.close(stderr.readEnd());
        }
    }

    /** The runtime and the container use the caller's own stdio; the monitor reads nothing. */
    record Passthrough() implements ContainerStdio {
        @Override
        public Map<Integer, Integer> runtimeStdio() {
            return Map.of();
        }

        @Override
        public boolean monitored() {
            return false;
        }

        @Override
        public void runtimeSpawned(Posix posix) {
            // nothing of the monitor's own reaches the runtime
        }

        @Override
        public Streams connect(Posix posix) {
            return Streams.none();
        }

        @Override
        public void abandon(Posix posix) {
            // nothing to release
        }
    }

    private static void closeIfOpen(Posix posix, int fd) {
        if (fd >= 0) {
            posix.close(fd);
        }
    }

    /** What is in fd now, at most RUNTIME_ERROR_MAX bytes, without blocking. */
    private static byte[] readAvailable(Posix posix, int fd) {
        posix.setNonBlocking(fd, true);
        ByteBuffer buf = ByteBuffer.allocateDirect(RUNTIME_ERROR_MAX);
        while (buf.hasRemaining()) {
            int n;
            try {
                n = posix.read(fd, buf);
            } catch (OsException e) {
                break;
            }
            if (n <= 0) {
                break;
            }
        }
        buf.flip();
        byte[] bytes = new byte[buf.remaining()];
        buf.get(bytes);
        return bytes;
    }
}
