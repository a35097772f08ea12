package io.conmonj.diag;

import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * conmonj's threads: named, daemon, and never dying silently. A thread that ends with an uncaught
 * exception reports it through {@link Diagnostics} (syslog with --syslog: stderr is /dev/null in a
 * daemonized monitor), then its owner's onDeath decides what that means for the container.
 */
public final class Threads {
    private Threads() {
    }

    /** A factory of daemon threads called name that report their death and then call onDeath. */
    public static ThreadFactory factory(String name, Consumer<Throwable> onDeath) {
        return body -> {
            Thread thread = new Thread(body, name);
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler((t, failure) -> {
                Diagnostics.error("Internal error in " + t.getName() + ": " + failure);
                onDeath.accept(failure);
            });
            return thread;
        };
    }

    /** Starts body on a reporting daemon thread. */
    public static Thread start(String name, Runnable body, Consumer<Throwable> onDeath) {
        Thread thread = factory(name, onDeath).newThread(body);
        thread.start();
        return thread;
    }
}
