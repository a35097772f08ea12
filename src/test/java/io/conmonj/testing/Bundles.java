package io.conmonj.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** OCI bundles on the shared busybox rootfs, made by scripts/lib.sh (the one place that knows how). */
public final class Bundles {
    public static final Path PROJECT = Path.of(System.getProperty("conmonj.project", ".")).toAbsolutePath();
    /** The executable under test: the native binary where one was built, else the JVM launcher. */
    public static final Path LAUNCHER = Path.of(System.getProperty("native.image.path",
            PROJECT.resolve("target/conmonj").toString()));

    private Bundles() {
    }

    /** Writes an OCI bundle at dir whose process runs args (no terminal). */
    public static Path make(Path dir, String... args) throws IOException, InterruptedException {
        List<String> call = new ArrayList<>(List.of(dir.toString()));
        call.addAll(List.of(args));
        libFunction("make_bundle", call);
        return dir;
    }

    /** Runs one function of scripts/lib.sh with args; non-zero exit fails. Returns its output. */
    public static String libFunction(String function, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", "-c", "source \"$0\" && \"$@\"",
                PROJECT.resolve("scripts/lib.sh").toString(), function));
        cmd.addAll(args);
        return Commands.run(cmd);
    }

    /** Turns the bundle's process into a terminal one (process.terminal = true). */
    public static Path withTerminal(Path bundle) throws IOException {
        Path config = bundle.resolve("config.json");
        String json = java.nio.file.Files.readString(config);
        if (!json.contains("\"terminal\": false")) {
            throw new IOException("no terminal setting in " + config);
        }
        java.nio.file.Files.writeString(config, json.replace("\"terminal\": false", "\"terminal\": true"));
        return bundle;
    }

    /** Makes host directory source visible read-only at target inside the container. */
    public static Path withBindMount(Path bundle, Path source, String target) throws IOException, InterruptedException {
        Path config = bundle.resolve("config.json");
        Process p = new ProcessBuilder("jq", "--arg", "src", source.toString(), "--arg", "dst", target,
                ".mounts += [{\"destination\": $dst, \"type\": \"bind\", \"source\": $src, \"options\": [\"rbind\", \"ro\"]}]",
                config.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("jq failed: " + out);
        }
        java.nio.file.Files.writeString(config, out);
        return bundle;
    }

    /** A shell command line inside the container: sh -c script. */
    public static Path shell(Path dir, String script) throws IOException, InterruptedException {
        return make(dir, "sh", "-c", script);
    }
}
