package io.conmonj.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.conmonj.diag.FatalError;

class RuntimeInvocationTest {
    private static final List<String> RUNC = List.of("/usr/sbin/runc", "create", "ctr");

    @Test
    void theRuntimeRunsUnderSetprivSoItDiesWithTheMonitor() {
        RuntimeInvocation i = RuntimeInvocation.of(RUNC, null, false, 100);
        assertEquals(RuntimeInvocation.SETPRIV, i.path());
        assertEquals(List.of(RuntimeInvocation.SETPRIV, "--pdeathsig", "KILL", "--", "/usr/sbin/runc", "create", "ctr"),
                i.argv());
    }

    @Test
    void aBareRuntimeNameStaysRelativeToTheWorkingDirectory() {
        assertEquals("./runc", RuntimeInvocation.of(List.of("runc", "create"), null, false, 100).argv().get(4));
    }

    @Test
    void listenPidIsRewrittenWhenAskedOrWhenItNamesTheMonitor() {
        assertEquals(RuntimeInvocation.SHELL, RuntimeInvocation.of(RUNC, "7", true, 100).path());
        assertEquals(RuntimeInvocation.SHELL, RuntimeInvocation.of(RUNC, "100", false, 100).path());
        assertEquals(RuntimeInvocation.SETPRIV, RuntimeInvocation.of(RUNC, "7", false, 100).path(), "someone else's");
        List<String> argv = RuntimeInvocation.of(RUNC, "100", false, 100).argv();
        assertEquals(List.of(RuntimeInvocation.SHELL, "-c", "LISTEN_PID=$$; export LISTEN_PID; exec \"$@\"", "sh",
                RuntimeInvocation.SETPRIV), argv.subList(0, 5));
    }

    @Test
    void anInvalidListenPidIsConmonsError() {
        for (String bad : List.of("abc", "0", "-3", "")) {
            FatalError e = assertThrows(FatalError.class, () -> RuntimeInvocation.of(RUNC, bad, false, 100));
            assertEquals("[conmon:e]: Invalid LISTEN_PID " + bad, e.line());
        }
    }
}
