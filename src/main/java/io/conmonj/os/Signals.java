package io.conmonj.os;

import java.util.function.IntConsumer;

import sun.misc.Signal;

/** Signal handlers through the JVM's signal dispatcher (TERM, INT; QUIT belongs to the JVM). */
public final class Signals {
    private Signals() {
    }

    /** Runs handler(signal number) on the JVM's signal thread for each named signal. */
    public static void handle(IntConsumer handler, String... names) {
        for (String name : names) {
            Signal.handle(new Signal(name), s -> handler.accept(s.getNumber()));
        }
    }
}
