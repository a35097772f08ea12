package io.conmonj.diag;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * conmon's own messages: on stderr ({@code [conmon:w]: ...}, always UTF-8 whatever the locale) and,
 * with --syslog, to syslog as {@code conmon <cid> <nwarn>: ...}. After daemonizing stderr is
 * /dev/null, as with conmon, so syslog is where a daemonized monitor's messages go.
 */
public final class Diagnostics {
    /** syslog(3) priorities used. */
    static final int LOG_ERR = 3;
    static final int LOG_INFO = 6;

    /** Where syslog lines go: syslog(3) with the user facility and ident "conmon". */
    @FunctionalInterface
    public interface Syslog {
        void send(int priority, String line);
    }

    private static volatile PrintStream stderr =
            new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    private static volatile LogLevel level = LogLevel.WARN;
    private static volatile String syslogIdent;
    private static volatile Syslog syslog = (priority, line) -> { };

    private Diagnostics() {
    }

    /** The process's syslog, used once --syslog asks for it. */
    public static void useSyslog(Syslog sink) {
        syslog = sink;
    }

    /**
     * conmon's set_conmon_logs (src/utils.c): syslog first (tagged with the first 20 characters of
     * "cid[: tag]"), then the level, so that a bad level is reported to syslog too.
     */
    public static void configure(String cid, String tag, boolean syslogWanted, String levelName) {
        if (syslogWanted) {
            String id = tag == null ? cid : cid + ": " + tag;
            syslogIdent = "conmon " + (id.length() > 20 ? id.substring(0, 20) : id);
        }
        if (levelName != null) {
            level = LogLevel.parse(levelName).orElseThrow(() -> FatalError.of("No such log level " + levelName));
        }
    }

    /** Sends what would go to stderr to another stream (tests); returns the one it replaces. */
    public static PrintStream redirect(PrintStream to) {
        PrintStream previous = stderr;
        stderr = to;
        return previous;
    }

    /** A message printed verbatim on stderr (usage errors, help for the caller). */
    public static void line(String text) {
        stderr.println(text);
    }

    /** A fatal error: its line on stderr, and to syslog. */
    public static void fatal(FatalError error) {
        stderr.println(error.line());
        toSyslog(LOG_ERR, "error", error.message());
    }

    /** An error the monitor survives: {@code [conmon:e]: message}, and to syslog. */
    public static void error(String message) {
        stderr.println("[conmon:e]: " + message);
        toSyslog(LOG_ERR, "error", message);
    }

    public static void warn(String message) {
        emit(LogLevel.WARN, 'w', message);
    }

    public static void info(String message) {
        emit(LogLevel.INFO, 'i', message);
    }

    public static void debug(String message) {
        emit(LogLevel.DEBUG, 'd', message);
    }

    private static void emit(LogLevel at, char tag, String message) {
        if (level.compareTo(at) >= 0) {
            stderr.println("[conmon:" + tag + "]: " + message);
            toSyslog(LOG_INFO, "n" + at.name().toLowerCase(java.util.Locale.ROOT), message);
        }
    }

    private static void toSyslog(int priority, String kind, String message) {
        String ident = syslogIdent;
        if (ident != null) {
            syslog.send(priority, ident + " <" + kind + ">: " + message + "\n");
        }
    }
}
