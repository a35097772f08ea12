package io.conmonj.testing;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a host command to completion (30 s at most) and returns its output; non-zero exit fails. */
public final class Commands {
    private Commands() {
    }

    public static String run(String... cmd) throws IOException, InterruptedException {
        return run(List.of(cmd));
    }

    public static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close(); // no input: a command reading stdin sees EOF instead of hanging
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(cmd.get(0) + " timed out");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }

    /** Runs a command, ignoring its failure (clean-up). */
    public static void runQuietly(String... cmd) {
        try {
            run(cmd);
        } catch (IOException | InterruptedException e) {
            // best effort
        }
    }
}
