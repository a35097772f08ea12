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

    private static final PrintStream STDERR =
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

    public static void setLevel(LogLevel newLevel) {
        level = newLevel;
    }

    /** Sends messages to syslog too, tagged with the first 20 characters of "cid[: tag]". */
    public static void enableSyslog(String cid, String tag) {
        String id = tag == null ? cid : cid + ": " + tag;
        syslogIdent = "conmon " + (id.length() > 20 ? id.substring(0, 20) : id);
    }

    /** A message printed verbatim on stderr (usage errors, help for the caller). */
    public static void line(String text) {
        STDERR.println(text);
    }

    /** A fatal error: its line on stderr, and to syslog. */
    public static void fatal(FatalError error) {
        STDERR.println(error.line());
        toSyslog(LOG_ERR, "error", error.message());
    }

    /** An error the monitor survives: {@code [conmon:e]: message}, and to syslog. */
    public static void error(String message) {
        STDERR.println("[conmon:e]: " + message);
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
            STDERR.println("[conmon:" + tag + "]: " + message);
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
