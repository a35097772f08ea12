package io.conmonj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.conmonj.os.Posix;
import io.conmonj.testing.Bundles;
import io.conmonj.testing.Conmonj;
import io.conmonj.testing.Runc;
import io.conmonj.testing.Waits;

/** The create lifecycle of issue 2 with real runc: sync pipe, pid, logs, exit files, signals. */
class LifecycleIT extends ContainerTestBase {
    private static final Duration EXIT_WAIT = Duration.ofSeconds(30);
    static final Pattern RECORD = Pattern.compile(
            "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}[+-]\\d\\d:\\d\\d (stdout|stderr) ([FP]) (.*)");

    /** Creates the container as podman does; the caller's first process has exited 0. */
    private Conmonj create(Path bundle, String cid, String... extra) throws Exception {
        Conmonj c = track(Conmonj.podmanCreate(bundle, cid, extra)).start().release();
        assertEquals(0, c.waitFirstProcess(), "first process exit status; stderr: " + c.stderr());
        return c;
    }

    /** Creates and starts a container; returns the started monitor. */
    private Conmonj run(Path bundle, String cid, String... extra) throws Exception {
        Conmonj c = create(bundle, cid, extra);
        String sync = c.readSyncLine();
        assertTrue(sync.matches("\\{\"data\": [1-9]\\d*\\}\n"), "sync message: " + sync + " stderr: " + c.stderr());
        trackMonitor(c.monitorPid());
        Runc.start(cid);
        return c;
    }

    @Test
    void logsStdoutAndStderrAndRecordsExitCodeInBothExitFiles() throws Exception {
        String cid = newContainerId();
        Path bundle = Bundles.shell(tmp.resolve("b"), "echo hello out; echo hello err >&2; exit 7");
        run(bundle, cid);
        assertEquals("7", Waits.forFile(bundle.resolve("exits").resolve(cid), EXIT_WAIT));
        assertEquals("7", Files.readString(bundle.resolve("persist/exit")));

        List<String> lines = Files.readAllLines(bundle.resolve("ctr.log"));
        assertEquals(2, lines.size(), "log: " + lines);
        assertTrue(lines.stream().anyMatch(l -> l.matches(RECORD.pattern()) && l.endsWith(" stdout F hello out")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.matches(RECORD.pattern()) && l.endsWith(" stderr F hello err")), lines.toString());
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(bundle.resolve("ctr.log"))));
    }

    @Test
    void containerKilledBySigkillReports137() throws Exception {
        String cid = newContainerId();
        Path bundle = Bundles.make(tmp.resolve("b"), "sleep", "1000");
        run(bundle, cid);
        Runc.run("kill", cid, "KILL");
        assertEquals("137", Waits.forFile(bundle.resolve("exits").resolve(cid), EXIT_WAIT));
        assertEquals("137", Files.readString(bundle.resolve("persist/exit")));
    }

    @Test
    void syncPidIsTheContainerInitFromThePidFile() throws Exception {
        String cid = newContainerId();
        Path bundle = Bundles.make(tmp.resolve("b"), "sleep", "1000");
        Conmonj c = create(bundle, cid);
        String sync = c.readSyncLine();
        int pid = Integer.parseInt(sync.replaceAll("\\D", ""));
        assertEquals(Files.readString(bundle.resolve("pidfile")).trim(), Integer.toString(pid));
        String state = Runc.run("state", cid);
        assertTrue(state.contains("\"pid\": " + pid), state);
        trackMonitor(c.monitorPid());
        // the created container's init is re-parented to the monitor (subreaper)
        assertEquals(Integer.toString(c.monitorPid()), statusField(pid, "PPid"));
    }

    @Test
    void conmonPidfileNamesTheLiveDaemonizedMonitor() throws Exception {
        String cid = newContainerId();
        Path bundle = Bundles.make(tmp.resolve("b"), "sleep", "1000");
        Conmonj c = create(bundle, cid);
        c.readSyncLine();
        int monitor = c.monitorPid();
        trackMonitor(monitor);
        assertTrue(Waits.processAlive(monitor));
        assertNotEquals(c.pid(), monitor);
        assertNotEquals(Long.toString(ProcessHandle.current().pid()), statusField(monitor, "PPid"));
        // setsid: the monitor leads its own session
        String[] stat = Files.readString(Path.of("/proc/" + monitor + "/stat")).replaceAll(".*\\) ", "").split(" ");
        assertEquals(Integer.toString(monitor), stat[3], "session id");
        Runc.run("kill", cid, "KILL");
        Waits.forFile(bundle.resolve("exits").resolve(cid), EXIT_WAIT);
        assertTrue(Waits.until(EXIT_WAIT, () -> !Waits.processAlive(monitor)), "monitor exits after the container");
    }

    @Test
    void brokenConfigReportsTheRuntimeErrorOnTheSyncPipe() throws Exception {
        String cid = newContainerId();
        Path bundle = Bundles.make(tmp.resolve("b"), "true");
        Files.writeString(bundle.resolve("config.json"), "{ this is not json");
        Conmonj c = track(Conmonj.podmanCreate(bundle, cid)).start().release();
        assertEquals(0, c.waitFirstProcess(), "the first process exits 0 as conmon's does after forking");
        String sync = c.readSyncLine();
        assertTrue(sync.startsWith("{\"data\": -1, \"message\": \""), sync);
        assertTrue(sync.contains("config.json") || sync.contains("invalid character"), sync);
        assertTrue(sync.endsWith("\"}\n"), sync);
        assertEquals("", c.readSyncLine(), "the monitor exits and closes the sync pipe");
        assertTrue(!Files.exists(bundle.resolve("exits").resolve(cid)), "no exit file after a failed create");
    }

    @Test
    void legacyApiSendsPidKey() throws Exception {
        String cid = newContainerId();
        Path bundle = Bundles.make(tmp.resolve("b"), "sleep", "1000");
        Conmonj c = track(Conmonj.withArgs(bundle, "-c", cid, "-u", cid, "-r", Runc.PATH, "-b", bundle.toString(),
                "-p", bundle.resolve("pidfile").toString(), "-l", bundle.resolve("ctr.log").toString(),
                "--exit-dir", bundle.toString(), "-P", bundle.resolve("conmon.pid").toString(),
                "--socket-dir-path", tmp.toString())).start().release();
        assertEquals(0, c.waitFirstProcess());
        String sync = c.readSyncLine();
        assertTrue(sync.matches("\\{\"pid\": [1-9]\\d*\\}\n"), sync);
        trackMonitor(c.monitorPid());
        // CRI-O reaches the attach socket through <socket-dir>/<cuuid>, a symlink to the bundle
        assertTrue(Files.exists(tmp.resolve(cid).resolve("attach")), "attach socket via the socket-dir symlink");
        assertEquals(bundle, Files.readSymbolicLink(tmp.resolve(cid)));
        Runc.run("kill", cid, "KILL");
        assertEquals("137", Waits.forFile(bundle.resolve(cid), EXIT_WAIT));
        assertTrue(Waits.until(EXIT_WAIT, () -> !Files.exists(tmp.resolve(cid), java.nio.file.LinkOption.NOFOLLOW_LINKS)),
                "symlink removed at exit");
    }

    /** A stand-in runtime whose create never returns; it records its pid and LISTEN_PID. */
    private Path hangingRuntime() throws Exception {
        Path runtime = tmp.resolve("hanging-runtime");
        Files.writeString(runtime, "#!/bin/sh\necho $$ > \"$RUNTIME_RECORD\"; echo \"$LISTEN_PID\" >> \"$RUNTIME_RECORD\"\n"
                + "exec sleep 1000\n");
        Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwxr-xr-x"));
        return runtime;
    }

    /** A create whose runtime never returns (recording into record), with LISTEN_PID=1; the monitor's pid. */
    private int createWithHangingRuntime(Path record, String... extra) throws Exception {
        String cid = newContainerId();
        Path bundle = Bundles.make(tmp.resolve("b"), "true");
        List<String> args = new java.util.ArrayList<>(List.of("--api-version", "1", "-c", cid, "-u", cid, "-r",
                hangingRuntime().toString(), "-b", bundle.toString(), "-p", bundle.resolve("pidfile").toString(),
                "--full-attach", "-l", "none", "--exit-dir", bundle.toString(),
                "-P", bundle.resolve("conmon.pid").toString()));
        args.addAll(List.of(extra));
        Conmonj c = track(Conmonj.withArgs(bundle, args.toArray(String[]::new)))
                .env("RUNTIME_RECORD", record.toString()).env("LISTEN_PID", "1").start().release();
        assertEquals(0, c.waitFirstProcess());
        int monitor = c.monitorPid();
        trackMonitor(monitor);
        return monitor;
    }

    @Test
    void theRuntimeDiesWithTheMonitor() throws Exception {
        Path record = tmp.resolve("runtime-record");
        int monitor = createWithHangingRuntime(record);
        String[] lines = Waits.forFile(record, EXIT_WAIT).split("\n");
        int runtime = Integer.parseInt(lines[0].trim());
        assertEquals("1", lines[1].trim(), "a LISTEN_PID that is not ours is passed on as it is");
        Posix.load().kill(monitor, Posix.SIGKILL);
        assertTrue(Waits.until(Duration.ofSeconds(10), () -> !Waits.processAlive(runtime) || isZombie(runtime)),
                "the runtime got SIGKILL when the monitor died");
    }

    /**
     * The runtime killed while it creates the container: both monitors exit without an exit file. conmon
     * 2.2 reports every failed create on the sync pipe, as conmonj does ({"data": -1}); 2.1.6 reports only
     * a runtime that exited non-zero, so here its caller sees the pipe close without a message.
     */
    @Test
    void aRuntimeKilledDuringCreateFailsTheCreateAsInConmon() throws Exception {
        String conmonj = killedRuntimeCreate(Bundles.LAUNCHER.toString());
        String conmon = killedRuntimeCreate("/usr/bin/conmon");
        assertEquals("{\"data\": -1}\n", conmonj);
        assertTrue(conmon.isEmpty() || conmon.equals(conmonj), conmon);
    }

    /** A create whose runtime is killed with SIGKILL while it runs, under monitor; the sync line. */
    private String killedRuntimeCreate(String monitor) throws Exception {
        Path record = tmp.resolve("record-" + monitor.hashCode());
        String cid = newContainerId();
        Path bundle = Bundles.make(tmp.resolve("k" + monitor.hashCode()), "true");
        Conmonj c = track(Conmonj.withArgs(bundle, "--api-version", "1", "-c", cid, "-u", cid, "-r",
                hangingRuntime().toString(), "-b", bundle.toString(), "-p", bundle.resolve("pidfile").toString(),
                "--full-attach", "-l", "none", "--exit-dir", bundle.toString(),
                "-P", bundle.resolve("conmon.pid").toString()).launchedBy(monitor))
                .env("RUNTIME_RECORD", record.toString()).start().release();
        assertEquals(0, c.waitFirstProcess());
        int monitorPid = c.monitorPid();
        trackMonitor(monitorPid);
        int runtime = Integer.parseInt(Waits.forFile(record, EXIT_WAIT).split("\n")[0].trim());
        Posix.load().kill(runtime, Posix.SIGKILL);
        String sync = c.readSyncLine();
        assertTrue(Waits.until(EXIT_WAIT, () -> !Waits.processAlive(monitorPid)), monitor + " exits");
        assertTrue(!Files.exists(bundle.resolve(cid)), "no exit file after a failed create");
        return sync;
    }

    @Test
    void replaceListenPidGivesTheRuntimeItsOwnPid() throws Exception {
        Path record = tmp.resolve("runtime-record");
        createWithHangingRuntime(record, "--replace-listen-pid");
        assertTrue(Waits.until(EXIT_WAIT, () -> readQuietly(record).split("\n").length >= 2));
        String[] lines = readQuietly(record).split("\n");
        assertEquals(lines[0].trim(), lines[1].trim(), "LISTEN_PID is the runtime's own pid");
        Posix.load().kill(Integer.parseInt(lines[0].trim()), Posix.SIGKILL);
    }

    @Test
    void anInvalidListenPidFailsTheCreate() throws Exception {
        String cid = newContainerId();
        Path bundle = Bundles.make(tmp.resolve("b"), "true");
        Conmonj c = track(Conmonj.podmanCreate(bundle, cid)).env("LISTEN_PID", "abc").start().release();
        assertEquals(0, c.waitFirstProcess());
        String sync = c.readSyncLine();
        assertTrue(sync.startsWith("{\"data\": -1, \"message\": ") && sync.contains("Invalid LISTEN_PID abc"), sync);
    }

    @Test
    void theNotifyProxyPassesOnlyAllowedLinesToTheHostSocket() throws Exception {
        Posix posix = Posix.load();
        Path host = tmp.resolve("host-notify.sock");
        int hostSocket = posix.socket(Posix.SOCK_DGRAM);
        try {
            posix.bind(hostSocket, host.toString());
            Path bundle = Bundles.make(tmp.resolve("b"), "sleep", "1000");
            Files.createDirectories(bundle.resolve("notify"));
            String cid = createContainer(bundle, "--sdnotify-socket", host.toString());
            Path proxy = bundle.resolve("notify/notify.sock");
            assertTrue(Files.exists(proxy));
            assertEquals("rwxrwxrwx", PosixFilePermissions.toString(Files.getPosixFilePermissions(proxy)));
            int sender = posix.socket(Posix.SOCK_DGRAM);
            try {
                posix.sendTo(sender, proxy.toString(), java.nio.ByteBuffer.wrap(
                        "MAINPID=1\nREADY=1\nSTATUS=up\nX=1".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            } finally {
                posix.close(sender);
            }
            java.nio.ByteBuffer in = java.nio.ByteBuffer.allocateDirect(1024);
            assertTrue(posix.poll(new int[] {hostSocket}, new short[] {Posix.POLLIN}, 10_000).length > 0, "forwarded");
            int n = posix.read(hostSocket, in);
            in.flip();
            byte[] got = new byte[n];
            in.get(got);
            assertEquals("READY=1\nSTATUS=up", new String(got, java.nio.charset.StandardCharsets.UTF_8));
            Runc.run("kill", cid, "KILL");
        } finally {
            posix.close(hostSocket);
        }
    }

    @Test
    void restoreRunsTheRuntimesRestoreAndThenMonitorsLikeCreate() throws Exception {
        // CRIU 3.17 cannot dump on this kernel (vDSO layout), so a stand-in runtime plays runc restore:
        // it records its argv and starts the "restored" process, writing its pid like runc does
        Path runtime = tmp.resolve("restoring-runtime");
        Files.writeString(runtime, "#!/bin/sh\necho \"$@\" > \"$RUNTIME_RECORD\"\npidfile=\n"
                + "while [ $# -gt 0 ]; do case $1 in --pid-file) pidfile=$2; shift ;; esac; shift; done\n"
                + "sh -c 'sleep 0.5; echo restored-output; exit 3' &\necho $! > \"$pidfile\"\n");
        Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwxr-xr-x"));
        String cid = newContainerId();
        Path bundle = Bundles.make(tmp.resolve("b"), "true");
        Path record = tmp.resolve("runtime-record");
        Conmonj c = track(Conmonj.podmanCreate(bundle, cid, "-r", runtime.toString(), "--restore",
                tmp.resolve("checkpoint").toString(), "--runtime-opt", "--tcp-established"))
                .env("RUNTIME_RECORD", record.toString());
        c.start().release();
        assertEquals(0, c.waitFirstProcess());
        assertTrue(c.readSyncLine().matches("\\{\"data\": [1-9]\\d*\\}\n"));
        trackMonitor(c.monitorPid());
        assertEquals("3", Waits.forFile(bundle.resolve("exits").resolve(cid), EXIT_WAIT));
        assertEquals("restore --bundle " + bundle + " --pid-file " + bundle.resolve("pidfile") + " --detach --image-path "
                + tmp.resolve("checkpoint") + " --work-path " + bundle + " --tcp-established " + cid,
                Files.readString(record).trim());
        assertTrue(Files.readString(bundle.resolve("ctr.log")).contains(" stdout F restored-output\n"));
    }

    private static boolean isZombie(int pid) {
        return readQuietly(Path.of("/proc/" + pid + "/stat")).contains(") Z ");
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (Exception e) {
            return "";
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT", "QUIT"})
    void signalsToTheMonitorReachTheContainer(String signal) throws Exception {
        String cid = newContainerId();
        Path bundle = Bundles.shell(tmp.resolve("b"),
                "trap 'echo got " + signal + "; exit 42' " + signal + "; echo ready; while true; do sleep 0.1; done");
        Conmonj c = run(bundle, cid);
        assertTrue(Waits.until(EXIT_WAIT, () -> logContains(bundle, "ready")));
        int number = switch (signal) {
            case "TERM" -> Posix.SIGTERM;
            case "INT" -> Posix.SIGINT;
            default -> Posix.SIGQUIT;
        };
        Posix.load().kill(c.monitorPid(), number);
        assertEquals("42", Waits.forFile(bundle.resolve("exits").resolve(cid), EXIT_WAIT));
        assertTrue(logContains(bundle, "got " + signal));
    }

    @Test
    void syncModeKeepsTheFirstProcessUntilTheContainerExits() throws Exception {
        String cid = newContainerId();
        Path bundle = Bundles.shell(tmp.resolve("b"), "exit 3");
        Conmonj c = track(Conmonj.podmanCreate(bundle, cid, "--sync")).start().release();
        String sync = c.readSyncLine();
        assertTrue(sync.matches("\\{\"data\": [1-9]\\d*\\}\n"), sync);
        assertEquals(null, c.waitFirstProcess(Duration.ofMillis(300)), "still running: it is the monitor");
        Runc.start(cid);
        assertEquals(3, c.waitFirstProcess(EXIT_WAIT));
        assertEquals("3", Files.readString(bundle.resolve("exits").resolve(cid)));
    }

    @Test
    void noMonitorFdLeaksIntoTheRuntimeOrTheContainer() throws Exception {
        String cid = newContainerId();
        Path bundle = Bundles.shell(tmp.resolve("b"), "ls /proc/self/fd");
        // a wrapper runtime records its own fds, then runs runc
        Path wrapper = tmp.resolve("runtime");
        // no redirection (the shell would save fds for it): the listing goes to the runtime's stdout, the log
        Files.writeString(wrapper, "#!/bin/sh\nls -l /proc/$$/fd\nexec " + Runc.PATH + " \"$@\"\n");
        wrapper.toFile().setExecutable(true);
        // fd 5: a caller's extra fd (podman's port reservations, --preserve-fds) reaches the runtime only
        int[] extra = Posix.load().pipe();
        try {
            Conmonj c = track(Conmonj.podmanCreate(bundle, cid, "-r", wrapper.toString())).passFd(5, extra[0]).start().release();
            assertEquals(0, c.waitFirstProcess(), c.stderr());
            c.readSyncLine();
            trackMonitor(c.monitorPid());
            Runc.start(cid);
            Waits.forFile(bundle.resolve("exits").resolve(cid), EXIT_WAIT);
        } finally {
            Posix.load().close(extra[0]);
            Posix.load().close(extra[1]);
        }
        List<String> lines = Files.readAllLines(bundle.resolve("ctr.log"));
        // what the runtime got, less the fd the shell reads its script from
        List<String> runtimeFds = lines.stream()
                .filter(l -> l.contains(" -> ") && !l.endsWith(" -> " + wrapper))
                .map(l -> l.substring(0, l.indexOf(" -> ")).replaceAll(".* ", "")).sorted().toList();
        assertEquals(List.of("0", "1", "2", "5"), runtimeFds, "runtime fds: " + lines);
        List<String> containerFds = lines.stream().filter(l -> !l.contains(" -> ") && !l.endsWith(" total 0"))
                .map(l -> l.substring(l.lastIndexOf(' ') + 1)).toList();
        assertEquals(List.of("0", "1", "2", "3"), containerFds, "container fds (3 is ls's own): " + lines);
    }

    @Test
    void inheritedFdsAreClosedBeforeTheExitFileAppears() throws Exception {
        String cid = newContainerId();
        Path bundle = Bundles.shell(tmp.resolve("b"), "sleep 0.5; exit 0");
        // a caller's fd (podman's reserved port) whose only holder, once runc has exited, is the monitor
        int[] port = Posix.load().pipe();
        Path exitFile = bundle.resolve("exits").resolve(cid);
        try {
            Conmonj c = track(Conmonj.podmanCreate(bundle, cid)).passFd(5, port[1]).start();
            Posix.load().close(port[1]);
            c.release();
            assertEquals(0, c.waitFirstProcess());
            c.readSyncLine();
            trackMonitor(c.monitorPid());
            Posix.load().setNonBlocking(port[0], true);
            assertEquals(-1, Posix.load().read(port[0], java.nio.ByteBuffer.allocateDirect(1)), "still held while running");
            Runc.start(cid);
            assertEquals("0", Waits.forFile(exitFile, EXIT_WAIT));
            assertEquals(0, Posix.load().read(port[0], java.nio.ByteBuffer.allocateDirect(1)),
                    "EOF: the monitor closed the caller's fd before announcing the exit");
        } finally {
            Posix.load().close(port[0]);
        }
    }

    @Test
    void partialLinesAreLoggedAsPRecordsWithoutAnInventedFinalRecord() throws Exception {
        String cid = newContainerId();
        Path bundle = Bundles.shell(tmp.resolve("b"), "printf 'abc'; sleep 0.2; printf 'def\\nxyz'");
        run(bundle, cid);
        Waits.forFile(bundle.resolve("exits").resolve(cid), EXIT_WAIT);
        StringBuilder decoded = new StringBuilder();
        String content = Files.readString(bundle.resolve("ctr.log"));
        assertTrue(content.endsWith(" stdout P xyz\n"), content);
        for (String line : content.split("\n")) {
            Matcher m = RECORD.matcher(line);
            assertTrue(m.matches(), line);
            decoded.append(m.group(3)).append(m.group(2).equals("F") ? "\n" : "");
        }
        assertEquals("abcdef\nxyz", decoded.toString());
    }

    @Test
    void exitCommandRunsOnceWithItsArgumentsAfterTheDelayAndTheExitFiles() throws Exception {
        String cid = newContainerId();
        Path bundle = Bundles.shell(tmp.resolve("b"), "exit 7");
        Path out = tmp.resolve("exit-command.out");
        Path exitFile = bundle.resolve("exits").resolve(cid);
        String script = "cat " + exitFile + " " + bundle.resolve("persist/exit") + " >> " + out + "; echo \" $1 $2\" >> " + out;
        run(bundle, cid, "--exit-command", "/bin/sh", "--exit-command-arg", "-c", "--exit-command-arg", script,
                "--exit-command-arg", "sh", "--exit-command-arg", "--first", "--exit-command-arg", "second",
                "--exit-delay", "1");
        assertEquals("7", Waits.forFile(exitFile, EXIT_WAIT));
        Thread.sleep(500);
        assertTrue(!Files.exists(out), "the exit command waits for --exit-delay");
        // the file appears as soon as the command's shell opens it: wait for the whole line
        assertTrue(Waits.until(EXIT_WAIT, () -> readQuietly(out).endsWith("\n")), "the exit command ran");
        assertEquals("77 --first second\n", Files.readString(out));
        Thread.sleep(300);
        assertEquals("77 --first second\n", Files.readString(out), "it ran once");
    }

    @Test
    void passthroughGivesTheContainerTheCallersStdio() throws Exception {
        String cid = newContainerId();
        Path bundle = Bundles.shell(tmp.resolve("b"), "echo to-caller-out; echo to-caller-err >&2; exit 2");
        Conmonj c = track(Conmonj.withArgs(bundle, "--api-version", "1", "-c", cid, "-u", cid, "-r", Runc.PATH,
                "-b", bundle.toString(), "-p", bundle.resolve("pidfile").toString(), "--exit-dir", bundle.toString(),
                "-l", "passthrough", "-P", bundle.resolve("conmon.pid").toString())).start().release();
        assertEquals(0, c.waitFirstProcess());
        assertTrue(c.readSyncLine().startsWith("{\"data\": "));
        int monitor = c.monitorPid();
        trackMonitor(monitor);
        Runc.start(cid);
        assertEquals("2", Waits.forFile(bundle.resolve(cid), EXIT_WAIT));
        assertTrue(Waits.until(EXIT_WAIT, () -> !Waits.processAlive(monitor)));
        assertEquals("to-caller-out\n", c.stdout());
        assertEquals("to-caller-err\n", c.stderr());
        assertTrue(!Files.exists(bundle.resolve("attach")), "no attach socket with passthrough");
    }

    private static boolean logContains(Path bundle, String text) {
        try {
            return Files.readString(bundle.resolve("ctr.log")).contains(text);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    static String statusField(int pid, String field) throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).trim();
            }
        }
        throw new AssertionError("no " + field + " for " + pid);
    }
}
