package io.conmonj.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.conmonj.diag.FatalError;

/** What the caller passes in the environment: the pipe fds of spec §3, and the environment for children. */
public final class CallerEnvironment {
    public static final String SYNC_PIPE = "_OCI_SYNCPIPE";
    public static final String START_PIPE = "_OCI_STARTPIPE";
    public static final String ATTACH_PIPE = "_OCI_ATTACHPIPE";
    /** conmonj's own variables, never passed on to the runtime or the exit command. */
    static final String OWN_PREFIX = "CONMONJ_";

    private CallerEnvironment() {
    }

    /** The fd named by variable, or -1 when it is unset or 0; garbage is fatal as in conmon. */
    public static int fd(String variable) {
        String value = System.getenv(variable);
        if (value == null) {
            return -1;
        }
        try {
            int fd = Integer.parseInt(value);
            return fd > 0 ? fd : -1;
        } catch (NumberFormatException e) {
            throw FatalError.of("unable to parse " + variable);
        }
    }

    /** The caller's environment as "K=V" strings, without conmonj's own variables. */
    public static List<String> forChildren() {
        return withExtra(Map.of());
    }

    /** The caller's environment plus extra variables. */
    public static List<String> withExtra(Map<String, String> extra) {
        List<String> env = new ArrayList<>();
        for (Map.Entry<String, String> e : System.getenv().entrySet()) {
            if (!e.getKey().startsWith(OWN_PREFIX)) {
                env.add(e.getKey() + "=" + e.getValue());
            }
        }
        extra.forEach((k, v) -> env.add(k + "=" + v));
        return env;
    }
}
