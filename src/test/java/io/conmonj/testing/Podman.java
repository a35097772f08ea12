package io.conmonj.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's podman with a given monitor ({@code --conmon}), configured for a machine without systemd
 * as PID 1 or container networking (scripts/lib.sh podman_config): runc, cgroupfs, file events, no
 * network namespace, k8s-file logs, storage under target/podman-it. Containers run from the busybox rootfs ({@code --rootfs}).
 */
public final class Podman {
    public static final Path HOME = Bundles.PROJECT.resolve("target/podman-it");

    private final Path monitor;
    private final Path home;
    private final List<String> monitorEnv;

    public Podman(Path monitor) {
        this(monitor, HOME, List.of());
    }

    /** Podman with its configuration and storage under home, passing monitorEnv ("K=V") to every monitor (conmon_env_vars). */
    public Podman(Path monitor, Path home, List<String> monitorEnv) {
        this.monitor = monitor;
        this.home = home;
        this.monitorEnv = List.copyOf(monitorEnv);
    }

    /** The exit code and output of one podman command. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    public static Path rootfs() throws IOException, InterruptedException {
        Path rootfs = Bundles.PROJECT.resolve("target/rootfs");
        if (!Files.isExecutable(rootfs.resolve("bin/busybox"))) {
            Bundles.make(Files.createTempDirectory("conmonj-rootfs"), "true");
        }
        return rootfs;
    }

    private static final java.util.Set<String> CONFIGURED = new java.util.HashSet<>();

    /** Writes the configuration once per test JVM (scripts/lib.sh podman_config, shared with the benchmarks). */
    private synchronized void configure() throws IOException, InterruptedException {
        synchronized (CONFIGURED) {
            List<String> args = new ArrayList<>(List.of(home.toString()));
            args.addAll(monitorEnv);
            if (CONFIGURED.add(String.join("\0", args))) {
                Bundles.libFunction("podman_config", args);
            }
        }
    }

    /** The monitor podman is told to use. */
    public Path monitor() {
        return monitor;
    }

    /** Imports the rootfs as image ref (podman import of a tarball; no monitor involved). */
    public static void importImage(Path rootfs, String ref) throws IOException, InterruptedException {
        Path tar = Files.createTempFile("conmonj-rootfs", ".tar");
        try {
            Commands.run(List.of("tar", "-C", rootfs.toString(), "-cf", tar.toString(), "."));
            Result r = new Podman(Path.of("/usr/bin/conmon")).run(null, "import", "-q", tar.toString(), ref);
            if (r.exitCode() != 0) {
                throw new IOException("podman import failed: " + r.stderr());
            }
        } finally {
            Files.deleteIfExists(tar);
        }
    }

    /** podman inspect --format format name, trimmed; fails when podman does. */
    public String inspect(String name, String format) throws IOException, InterruptedException {
        Result r = run(null, "inspect", "--format", format, name);
        if (r.exitCode() != 0) {
            throw new AssertionError("podman inspect " + name + " failed: " + r.stderr());
        }
        return r.stdout().trim();
    }

    /** The full command line of podman with this monitor and args. */
    public List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(List.of("podman", "--conmon", monitor.toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs podman args with stdin as input (null: no input) and waits for it. */
    public Result run(String input, String... args) throws IOException, InterruptedException {
        return exec(command(args), input);
    }

    /** Runs podman args under a pseudo-terminal (script(1)), typing input into it. */
    public Result runInTerminal(String sttySetup, String input, String... args) throws IOException, InterruptedException {
        return exec(List.of("script", "-qec", shellLine(sttySetup + "; exec", args), "/dev/null"), input);
    }

    /**
     * Runs podman args with stdin on a pseudo-terminal of the given size (a socat pty in raw mode,
     * sized with stty), stdout and stderr to files, as a user's terminal would start it.
     */
    public Result runOnPty(int rows, int columns, String... args) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("podman-pty");
        Path pty = dir.resolve("pty");
        Process socat = new ProcessBuilder("socat", "-u", "PTY,link=" + pty + ",raw,echo=0", "/dev/null")
                .redirectErrorStream(true).redirectOutput(dir.resolve("socat.log").toFile()).start();
        try {
            if (!Waits.until(java.time.Duration.ofSeconds(10), () -> Files.exists(pty))) {
                throw new IOException("socat made no pty: " + Files.readString(dir.resolve("socat.log")));
            }
            String setup = "exec < \"$0\" && stty rows " + rows + " cols " + columns + " && exec";
            return exec(List.of("bash", "-c", shellLine(setup, args), pty.toString()), null);
        } finally {
            socat.destroyForcibly().waitFor();
            Files.walk(dir).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** prefix, then the podman command for args quoted for sh. */
    private String shellLine(String prefix, String... args) {
        StringBuilder line = new StringBuilder(prefix);
        for (String word : command(args)) {
            line.append(" '").append(word.replace("'", "'\\''")).append("'");
        }
        return line.toString();
    }

    /**
     * Lets go of the storage's mount (podman's overlay driver makes {@code graph/overlay} a mount point of
     * its own, which outlives the containers; scripts/lib.sh podman_release): the checkout can then be
     * removed. Podman mounts it again when it next runs.
     */
    public void releaseStorage() throws IOException, InterruptedException {
        Bundles.libFunction("podman_release", List.of(home.toString()));
    }

    /** The variables that point podman at this configuration, written first if it is not yet. */
    public Map<String, String> environment() throws IOException, InterruptedException {
        configure();
        return Map.of("CONTAINERS_CONF", home.resolve("containers.conf").toString(),
                "CONTAINERS_STORAGE_CONF", home.resolve("storage.conf").toString());
    }

    private Result exec(List<String> cmd, String input) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(environment());
        Path out = Files.createTempFile("podman-out", ".txt");
        Path err = Files.createTempFile("podman-err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (input != null) {
            p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("podman did not finish: " + cmd);
        }
        try {
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.ISO_8859_1),
                    Files.readString(err, StandardCharsets.ISO_8859_1));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
