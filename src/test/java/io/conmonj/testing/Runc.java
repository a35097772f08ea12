package io.conmonj.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The runc commands a caller runs itself (start, kill, delete), as podman does. */
public final class Runc {
    public static final String PATH = "/usr/sbin/runc";

    private Runc() {
    }

    public static String run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(PATH);
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("runc " + args[0] + " timed out");
        }
        if (p.exitValue() != 0) {
            throw new IOException("runc " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }

    public static void start(String cid) throws IOException, InterruptedException {
        run("start", cid);
    }

    /** Force-deletes the container, ignoring "does not exist". */
    public static void deleteQuietly(String cid) {
        try {
            run("delete", "-f", cid);
        } catch (IOException | InterruptedException e) {
            // already gone
        }
    }
}
