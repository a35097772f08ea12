package io.conmonj.testing;

import java.io.IOException;
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
 * One run of a conmon-compatible binary on a command line, in a directory, as a caller without pipes
 * starts it: stdin /dev/null, stdout and stderr to files, only the given environment. With a
 * {@code startPipe} value, _OCI_STARTPIPE is set to it and fd 3 is a write-only fd: reading it fails
 * right after the options are checked and the log file opened, so no monitor is left behind.
 */
public record CommandLineRun(int exitStatus, String stdout, String stderr) {
    private static final Posix POSIX = Posix.load();
    private static final int START_PIPE = 3;
    private static final String ENV = "/usr/bin/env";

    /** Makes dir a case directory: bundle/, exits/, persist/, sock/ and dir/, a plain file and spec.json. */
    public static Path caseDirectory(Path dir) throws IOException {
        for (String sub : List.of("bundle", "exits", "persist", "sock", "dir")) {
            Files.createDirectories(dir.resolve(sub));
        }
        Files.writeString(dir.resolve("file"), "x");
        Files.writeString(dir.resolve("spec.json"), "{}");
        return dir;
    }

    public static CommandLineRun run(String binary, List<String> args, Path dir, List<String> env,
                                     String startPipe, Duration timeout) throws IOException, InterruptedException {
        Path out = dir.resolve(".stdout");
        Path err = dir.resolve(".stderr");
        List<String> childEnv = new ArrayList<>(env);
        Map<Integer, Integer> fds = new HashMap<>();
        List<Integer> ours = new ArrayList<>();
        ours.add(POSIX.open("/dev/null", Posix.O_RDONLY | Posix.O_CLOEXEC, 0));
        ours.add(POSIX.open(out.toString(), Posix.O_WRONLY | Posix.O_CREAT | Posix.O_TRUNC | Posix.O_CLOEXEC, 0644));
        ours.add(POSIX.open(err.toString(), Posix.O_WRONLY | Posix.O_CREAT | Posix.O_TRUNC | Posix.O_CLOEXEC, 0644));
        for (int fd = 0; fd < 3; fd++) {
            fds.put(fd, ours.get(fd));
        }
        if (startPipe != null) {
            ours.add(POSIX.open("/dev/null", Posix.O_WRONLY | Posix.O_CLOEXEC, 0));
            fds.put(START_PIPE, ours.get(3));
            childEnv.add("_OCI_STARTPIPE=" + startPipe);
        }
        // env -C: the binary starts in dir, with exactly the environment given (posix_spawn has no chdir)
        List<String> argv = new ArrayList<>(List.of(ENV, "-C", dir.toString(), binary));
        argv.addAll(args);
        int pid;
        try {
            pid = POSIX.spawn(new SpawnRequest(ENV, argv, childEnv, fds, Set.of(), false));
        } finally {
            ours.forEach(POSIX::close);
        }
        int status = awaitExit(pid, timeout);
        return new CommandLineRun(status, Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** The exit status (128 + signal when killed); a run past the timeout is killed. */
    private static int awaitExit(int pid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Posix.WaitResult r = POSIX.waitpid(pid, true);
            if (r != null) {
                int status = r.status();
                return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f);
            }
            if (System.nanoTime() > deadline) {
                POSIX.kill(pid, Posix.SIGKILL);
            }
            Thread.sleep(2);
        }
    }
}
