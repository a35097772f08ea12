import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The caller's side of the training run (build-launcher.sh), as podman plays it once it has the pid:
 * attach to the monitor's SEQPACKET socket, write a resize and a log reopen on the ctl fifo, send a
 * line of input and end it, then read the output frames until the monitor closes the socket. It runs
 * on the build's JDK (source-file mode, the FFM API: the JDK has no SEQPACKET client of its own).
 *
 * <p>Usage: java --enable-native-access=ALL-UNNAMED TrainingClient.java ATTACH_SOCKET CTL_FIFO
 */
public final class TrainingClient {
    private static final int AF_UNIX = 1;
    private static final int SOCK_SEQPACKET = 5;
    private static final int SHUT_WR = 1;
    private static final int SUN_PATH_OFFSET = 2;
    private static final int SOCKADDR_UN_SIZE = 110;

    private TrainingClient() {
    }

    public static void main(String[] args) throws Throwable {
        Linker linker = Linker.nativeLinker();
        MethodHandle socket = libc(linker, "socket", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        MethodHandle connect = libc(linker, "connect", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        MethodHandle write = libc(linker, "write", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
                ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
        MethodHandle read = libc(linker, "read", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
                ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
        MethodHandle shutdown = libc(linker, "shutdown", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        try (Arena arena = Arena.ofConfined()) {
            int fd = (int) socket.invokeExact(AF_UNIX, SOCK_SEQPACKET, 0);
            byte[] path = args[0].getBytes(StandardCharsets.UTF_8);
            MemorySegment address = arena.allocate(SOCKADDR_UN_SIZE);
            address.set(ValueLayout.JAVA_SHORT, 0, (short) AF_UNIX);
            MemorySegment.copy(path, 0, address, ValueLayout.JAVA_BYTE, SUN_PATH_OFFSET, path.length);
            if (fd < 0 || (int) connect.invokeExact(fd, address, SOCKADDR_UN_SIZE) != 0) {
                throw new IllegalStateException("cannot attach to " + args[0]);
            }
            Files.writeString(Path.of(args[1]), "1 24 80\n2 0 0\n");
            MemorySegment input = arena.allocateFrom("training input\n");
            long written = (long) write.invokeExact(fd, input, input.byteSize() - 1);
            int shut = (int) shutdown.invokeExact(fd, SHUT_WR);
            if (written <= 0 || shut != 0) {
                throw new IllegalStateException("cannot send input to " + args[0]);
            }
            MemorySegment frame = arena.allocate(8193);
            while ((long) read.invokeExact(fd, frame, frame.byteSize()) > 0) {
                // the container's output, until the monitor closes the socket after the exit
            }
        }
    }

    private static MethodHandle libc(Linker linker, String name, FunctionDescriptor signature) {
        return linker.downcallHandle(linker.defaultLookup().find(name).orElseThrow(), signature);
    }
}
