package io.conmonj.os;

import com.kenai.jffi.CallContext;
import com.kenai.jffi.CallContextCache;
import com.kenai.jffi.CallingConvention;
import com.kenai.jffi.Invoker;
import com.kenai.jffi.LastError;
import com.kenai.jffi.Library;
import com.kenai.jffi.Type;

/**
 * One libc function, called through jffi (jnr's native core) with its C signature: looked up by
 * name once, then every call is a single JNI transition. This costs microseconds to bind where
 * jnr-ffi's interface binding costs tens of milliseconds per function at a monitor's start, and
 * it needs no bytecode generated at run time, so it works the same in a native image.
 *
 * <p>Arguments and results travel as C longs (ints are sign-extended, pointers are addresses);
 * {@link #errno()} is the errno the last call on this thread left.
 */
final class NativeFunction {
    private static final Invoker INVOKER = Invoker.getInstance();
    private static final Library LIBC = Library.getDefault();

    private final String name;
    private final CallContext context;
    private final long address;
    private final int parameters;

    private NativeFunction(String name, CallContext context, long address, int parameters) {
        this.name = name;
        this.context = context;
        this.address = address;
        this.parameters = parameters;
    }

    /** The libc function name returning result, taking parameters (all of them fixed). */
    static NativeFunction of(String name, Type result, Type... parameters) {
        return variadic(name, parameters.length, result, parameters);
    }

    /** A variadic function: fixed of the parameters are declared, the rest are the variadic ones passed. */
    static NativeFunction variadic(String name, int fixed, Type result, Type... parameters) {
        long address = LIBC.getSymbolAddress(name);
        if (address == 0) {
            throw new UnsatisfiedLinkError("libc has no " + name + ": " + Library.getLastError());
        }
        CallContext context = CallContextCache.getInstance().getCallContext(result, fixed, parameters,
                CallingConvention.DEFAULT, true);
        return new NativeFunction(name, context, address, parameters.length);
    }

    long call() {
        return INVOKER.invokeN0(context, address);
    }

    long call(long a) {
        return INVOKER.invokeN1(context, address, a);
    }

    long call(long a, long b) {
        return INVOKER.invokeN2(context, address, a, b);
    }

    long call(long a, long b, long c) {
        return INVOKER.invokeN3(context, address, a, b, c);
    }

    long call(long a, long b, long c, long d) {
        return INVOKER.invokeN4(context, address, a, b, c, d);
    }

    long call(long a, long b, long c, long d, long e) {
        return INVOKER.invokeN5(context, address, a, b, c, d, e);
    }

    long call(long a, long b, long c, long d, long e, long f) {
        return INVOKER.invokeN6(context, address, a, b, c, d, e, f);
    }

    /** An int-returning call's result (the upper half of the register is not the callee's). */
    int callInt(long... args) {
        long result = switch (args.length) {
            case 0 -> call();
            case 1 -> call(args[0]);
            case 2 -> call(args[0], args[1]);
            case 3 -> call(args[0], args[1], args[2]);
            case 4 -> call(args[0], args[1], args[2], args[3]);
            case 5 -> call(args[0], args[1], args[2], args[3], args[4]);
            case 6 -> call(args[0], args[1], args[2], args[3], args[4], args[5]);
            default -> throw new IllegalArgumentException(name + ": " + args.length + " arguments");
        };
        return (int) result;
    }

    /** errno as the last call on this thread left it. */
    static int errno() {
        return LastError.getInstance().get();
    }

    @Override
    public String toString() {
        return name + "/" + parameters;
    }
}
