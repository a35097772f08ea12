package io.conmonj.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.conmonj.diag.FatalError;
import io.conmonj.os.OsException;
import io.conmonj.os.Posix;

/** What the caller passes in the environment: the pipe fds of docs/behaviour.md §3, and the environment for children. */
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

    /**
     * conmon's get_pipe_fd_from_env (src/parent_pipe_fd.c): the fd named by variable (strtol, base 10,
     * truncated to int), made close-on-exec before anything else is checked; -1 when unset. A value
     * that does not parse, or an fd that is not open (-1 included), is fatal; "" and "0" give fd 0,
     * which callers take as "no pipe".
     */
    public static int pipeFd(Posix posix, String variable) {
        String value = System.getenv(variable);
        if (value == null) {
            return -1;
        }
        int fd = parseDecimal(value, variable);
        try {
            posix.setCloseOnExec(fd, true);
        } catch (OsException e) {
            throw FatalError.withCause("unable to make " + variable + " CLOEXEC", e.strerror());
        }
        return fd;
    }

    /** strtol(value, &end, 10) that must end at the string's end; errno's text joins the message. */
    static int parseDecimal(String value, String variable) {
        int i = 0;
        while (i < value.length() && (value.charAt(i) == ' ' || (value.charAt(i) >= '\t' && value.charAt(i) <= '\r'))) {
            i++;
        }
        int sign = i < value.length() && (value.charAt(i) == '-' || value.charAt(i) == '+') ? 1 : 0;
        int digits = i + sign;
        while (digits < value.length() && value.charAt(digits) >= '0' && value.charAt(digits) <= '9') {
            digits++;
        }
        if (digits == i + sign) {
            // no number: strtol ends where it began, at the first character
            if (value.isEmpty()) {
                return 0;
            }
            throw FatalError.withCause("unable to parse " + variable, "Success");
        }
        if (digits != value.length()) {
            throw FatalError.withCause("unable to parse " + variable, "Success");
        }
        try {
            return (int) Long.parseLong(value.substring(i, digits));
        } catch (NumberFormatException e) {
            throw FatalError.withCause("unable to parse " + variable, "Numerical result out of range");
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
