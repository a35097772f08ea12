package io.conmonj.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.conmonj.os.Posix;
import io.conmonj.os.SpawnRequest;

/**
 * Starts the built launcher (target/conmonj) as podman does: sync pipe on fd 3, start pipe on fd 4,
 * stdout and stderr captured in files. Uses posix_spawn because ProcessBuilder cannot pass extra fds.
 */
public final class Conmonj implements AutoCloseable {
    private static final Posix POSIX = Posix.load();

    private final Path work;
    private final List<String> args;
    private final Map<String, String> env = new HashMap<>();
    private final Map<Integer, Integer> extraFds = new HashMap<>();
    private boolean withPipes = true;
    private int pid = -1;
    private int syncRead = -1;
    private int attachRead = -1;
    private final List<Integer> closeAfterStart = new ArrayList<>();
    private int startWrite = -1;
    private Integer exitStatus;
    private List<String> launch = List.of(Bundles.LAUNCHER.toString());

    private Conmonj(Path work, List<String> args) {
        this.work = work;
        this.args = new ArrayList<>(args);
    }

    /** conmonj with exactly these arguments, its stdout/stderr kept under work. */
    public static Conmonj withArgs(Path work, String... args) {
        return new Conmonj(work, List.of(args));
    }

    /** podman's create arguments (API 1, --full-attach) for a container cid in bundle. */
    public static Conmonj podmanCreate(Path bundle, String cid, String... extra) {
        List<String> a = new ArrayList<>(List.of("--api-version", "1", "-c", cid, "-u", cid, "-r", Runc.PATH,
                "-b", bundle.toString(), "-p", bundle.resolve("pidfile").toString(), "-n", "name-" + cid,
                "--exit-dir", bundle.resolve("exits").toString(), "--persist-dir", bundle.resolve("persist").toString(),
                "--full-attach", "-l", "k8s-file:" + bundle.resolve("ctr.log"), "--log-level", "debug", "--syslog",
                "--conmon-pidfile", bundle.resolve("conmon.pid").toString()));
        a.addAll(List.of(extra));
        try {
            Files.createDirectories(bundle.resolve("exits"));
            Files.createDirectories(bundle.resolve("persist"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new Conmonj(bundle, a);
    }

    /** Starts conmonj through command (e.g. a shell that changes directory, then execs a symlink). */
    public Conmonj launchedBy(String... command) {
        launch = List.of(command);
        return this;
    }

    public Conmonj env(String key, String value) {
        env.put(key, value);
        return this;
    }

    /** No sync/start pipes (as a plain command-line run). */
    public Conmonj withoutPipes() {
        withPipes = false;
        return this;
    }

    /** Passes our fd as fd target in the child (e.g. a caller's extra socket). */
    public Conmonj passFd(int target, int ours) {
        extraFds.put(target, ours);
        return this;
    }

    public Conmonj start() throws IOException {
        Map<Integer, Integer> fds = new HashMap<>(extraFds);
        int devNull = POSIX.open("/dev/null", Posix.O_RDONLY | Posix.O_CLOEXEC, 0);
        int out = POSIX.open(work.resolve("conmonj.stdout").toString(),
                Posix.O_WRONLY | Posix.O_CREAT | Posix.O_TRUNC | Posix.O_CLOEXEC, 0644);
        int err = POSIX.open(work.resolve("conmonj.stderr").toString(),
                Posix.O_WRONLY | Posix.O_CREAT | Posix.O_TRUNC | Posix.O_CLOEXEC, 0644);
        fds.put(0, devNull);
        fds.put(1, out);
        fds.put(2, err);
        List<String> childEnv = new ArrayList<>();
        System.getenv().forEach((k, v) -> {
            if (!k.startsWith("_OCI_") && !k.startsWith("CONMONJ_")) {
                childEnv.add(k + "=" + v);
            }
        });
        env.forEach((k, v) -> childEnv.add(k + "=" + v));
        int[] sync = null;
        int[] start = null;
        if (withPipes) {
            sync = POSIX.pipe();
            start = POSIX.pipe();
            fds.put(3, sync[1]);
            fds.put(4, start[0]);
            childEnv.add("_OCI_SYNCPIPE=3");
            childEnv.add("_OCI_STARTPIPE=4");
        }
        List<String> argv = new ArrayList<>(launch);
        argv.addAll(args);
        try {
            pid = POSIX.spawn(new SpawnRequest(launch.get(0), argv, childEnv, fds, Set.of(), false));
        } finally {
            closeAfterStart.forEach(POSIX::close);
            POSIX.close(devNull);
            POSIX.close(out);
            POSIX.close(err);
            if (sync != null) {
                POSIX.close(sync[1]);
                POSIX.close(start[0]);
                syncRead = sync[0];
                startWrite = start[1];
            }
        }
        return this;
    }

    /** Writes the start byte, as the caller does once conmon is in its cgroup. */
    public Conmonj release() {
        POSIX.writeFully(startWrite, new byte[] {0});
        return this;
    }

    /** Closes our end of the start pipe without writing (EOF also releases conmon). */
    public void closeStartPipe() {
        if (startWrite >= 0) {
            POSIX.close(startWrite);
            startWrite = -1;
        }
    }

    /** Waits for the process we started (the caller's "first process") and returns its exit status. */
    public int waitFirstProcess() {
        if (exitStatus == null) {
            Posix.WaitResult r = POSIX.waitpid(pid, false);
            int status = r.status();
            exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f);
        }
        return exitStatus;
    }

    /** Waits up to timeout for the first process; null if still running. */
    public Integer waitFirstProcess(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (exitStatus == null && System.nanoTime() < deadline) {
            Posix.WaitResult r = POSIX.waitpid(pid, true);
            if (r != null) {
                int status = r.status();
                exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f);
                break;
            }
            Thread.sleep(20);
        }
        return exitStatus;
    }

    /** Reads one JSON line from the sync pipe (blocking), or "" at EOF. */
    public String readSyncLine() {
        return readLine(syncRead);
    }

    /** An _OCI_ATTACHPIPE (fd 5), as podman passes for exec sessions with --exec-attach. */
    public Conmonj withAttachPipe() {
        int[] attach = POSIX.pipe();
        attachRead = attach[0];
        extraFds.put(5, attach[1]);
        closeAfterStart.add(attach[1]);
        env.put("_OCI_ATTACHPIPE", "5");
        return this;
    }

    /** Reads one JSON line from the attach pipe (blocking), or "" at EOF. */
    public String readAttachLine() {
        return readLine(attachRead);
    }

    private static String readLine(int fd) {
        StringBuilder line = new StringBuilder();
        ByteBuffer b = ByteBuffer.allocateDirect(1);
        while (true) {
            b.clear();
            int n = POSIX.read(fd, b);
            if (n <= 0) {
                return line.toString();
            }
            char c = (char) (b.get(0) & 0xff);
            line.append(c);
            if (c == '\n') {
                return line.toString();
            }
        }
    }

    public int pid() {
        return pid;
    }

    public String stdout() throws IOException {
        return Files.readString(work.resolve("conmonj.stdout"), StandardCharsets.UTF_8);
    }

    public String stderr() throws IOException {
        return Files.readString(work.resolve("conmonj.stderr"), StandardCharsets.UTF_8);
    }

    /** The monitor's pid from --conmon-pidfile. */
    public int monitorPid() throws IOException {
        return Integer.parseInt(Files.readString(work.resolve("conmon.pid")));
    }

    @Override
    public void close() {
        if (attachRead >= 0) {
            POSIX.close(attachRead);
            attachRead = -1;
        }
        if (syncRead >= 0) {
            POSIX.close(syncRead);
            syncRead = -1;
        }
        closeStartPipe();
        if (exitStatus == null && pid > 0) {
            POSIX.kill(pid, Posix.SIGKILL);
            waitFirstProcess();
        }
    }
}
