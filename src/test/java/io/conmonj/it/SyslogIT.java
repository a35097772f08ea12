package io.conmonj.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.conmonj.testing.Bundles;
import io.conmonj.testing.Conmonj;
import io.conmonj.testing.Waits;

/**
 * --syslog: after daemonizing the monitor's stderr is /dev/null, so its diagnostics go to syslog,
 * in conmon's shape. A socat receiver stands in for the syslog daemon at /dev/log (only where none
 * runs, so a real one is never displaced).
 */
class SyslogIT extends ContainerTestBase {
    private static final Path DEV_LOG = Path.of("/dev/log");

    @Test
    void aFailedCreateIsReportedToSyslogByTheDaemonizedMonitor() throws Exception {
        assumeFalse(Files.exists(DEV_LOG), "a syslog daemon owns /dev/log here");
        Path received = tmp.resolve("syslog");
        Process receiver = new ProcessBuilder("socat", "-u", "UNIX-RECV:" + DEV_LOG + ",unlink-early",
                "OPEN:" + received + ",creat,append").start();
        try {
            assertTrue(Waits.until(Duration.ofSeconds(5), () -> Files.exists(DEV_LOG)), "receiver ready");
            String cid = newContainerId();
            Path bundle = Bundles.make(tmp.resolve("b"), "true");
            Files.writeString(bundle.resolve("config.json"), "{ broken");
            Conmonj c = track(Conmonj.podmanCreate(bundle, cid)).start().release();
            c.waitFirstProcess();
            assertTrue(c.readSyncLine().startsWith("{\"data\": -1"));
            String expected = "conmon: conmon " + cid.substring(0, 20) + " <error>: Failed to create container: exit status 1";
            assertTrue(Waits.until(Duration.ofSeconds(10), () -> read(received).contains(expected)), read(received));
            assertTrue(read(received).lines().anyMatch(l -> l.startsWith("<11>") && l.contains(expected)),
                    "user.err: " + read(received));
        } finally {
            receiver.destroy();
            receiver.waitFor();
            Files.deleteIfExists(DEV_LOG);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
