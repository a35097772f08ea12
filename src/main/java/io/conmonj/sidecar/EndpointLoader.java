package io.conmonj.sidecar;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

import io.conmonj.io.OutputCounters;
import io.conmonj.log.LogCounters;
import io.conmonj.os.Posix;

/**
 * Starts a monitor's HTTP endpoint from wherever its classes are. A JVM-mode monitor's class path
 * holds the monitor's own jar only: the JDK opens every jar on it at start (jffi starts the JDK's
 * logging, which looks for logger providers in each), and opening the application jar, with Vert.x,
 * Netty, Micrometer and Quarkus in 12,000 entries, cost every monitor 10-30 ms. The launcher names that
 * jar in {@value #JAR_PROPERTY}; the endpoint and its libraries are loaded from it, through a class
 * loader of their own, only by a monitor that serves one. Elsewhere (the native executable, the
 * gateway, tests) they are on the class path.
 */
public final class EndpointLoader {
    static final String JAR_PROPERTY = "conmonj.endpoint.jar";
    /** Named by string: the class is not on a JVM-mode monitor's class path. */
    private static final String ENDPOINT_CLASS = "io.conmonj.sidecar.HttpEndpoint";

    private EndpointLoader() {
    }

    /** Starts serving at where in the background (see {@code HttpEndpoint.startInBackground}). */
    public static RunningEndpoint start(Posix posix, EndpointConfig.Endpoint where, ContainerState state,
                                        OutputCounters output, LogCounters log) {
        String jar = System.getProperty(JAR_PROPERTY);
        if (jar == null) {
            return HttpEndpoint.startInBackground(posix, where, state, output, log);
        }
        try {
            // the monitor's classes stay the parent's (one ContainerState, one Diagnostics): the
            // child defines only what the monitor's jar lacks
            URLClassLoader loader = new URLClassLoader("conmonj-endpoint", new URL[] {Path.of(jar).toUri().toURL()},
                    EndpointLoader.class.getClassLoader());
            Method start = Class.forName(ENDPOINT_CLASS, true, loader).getMethod("startInBackground", Posix.class,
                    EndpointConfig.Endpoint.class, ContainerState.class, OutputCounters.class, LogCounters.class);
            return (RunningEndpoint) start.invoke(null, posix, where, state, output, log);
        } catch (MalformedURLException | ReflectiveOperationException | LinkageError e) {
            Throwable cause = e instanceof InvocationTargetException target ? target.getCause() : e;
            where.reportFailure("Failed to serve HTTP on " + where.path() + ": " + cause);
            return () -> { };
        }
    }
}
