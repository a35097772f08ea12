package io.conmonj.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The runc commands a caller runs itself (start, kill, delete), as podman does. */
public final class Runc {
    public static final String PATH = "/usr/sbin/runc";

    private Runc() {
    }

    public static String run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(PATH);
        cmd.addAll(List.of(args));
        return Commands.run(cmd);
    }

    public static void start(String cid) throws IOException, InterruptedException {
        run("start", cid);
    }

    /** `runc state` of the container, or "" when runc does not know it. */
    public static String stateOf(String cid) {
        try {
            return run("state", cid);
        } catch (IOException | InterruptedException e) {
            return "";
        }
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
