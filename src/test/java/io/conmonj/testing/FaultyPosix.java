package io.conmonj.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntPredicate;

import io.conmonj.os.OsException;
import io.conmonj.os.Posix;

/** The real {@link Posix} with failures injected: a call of a given name on given descriptors fails with errno. */
public final class FaultyPosix {
    private record Fault(String method, IntPredicate fd, int errno) {
    }

    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final Posix posix;

    public FaultyPosix(Posix real) {
        this.posix = (Posix) Proxy.newProxyInstance(Posix.class.getClassLoader(), new Class<?>[] {Posix.class},
                (proxy, method, args) -> {
                    for (Fault f : faults) {
                        if (f.method.equals(method.getName()) && (args == null || args.length == 0
                                || !(args[0] instanceof Integer fd) || f.fd.test(fd))) {
                            throw new OsException(method.getName() + " (injected)", f.errno);
                        }
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** From now on, method(fd, ...) fails with errno for the fds fd accepts (methods without an fd: all calls). */
    public FaultyPosix fail(String method, IntPredicate fd, int errno) {
        faults.add(new Fault(method, fd, errno));
        return this;
    }

    /** No more failures. */
    public void heal() {
        faults.clear();
    }

    public Posix posix() {
        return posix;
    }
}
