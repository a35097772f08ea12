package io.conmonj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.conmonj.testing.Bundles;
import io.conmonj.testing.Commands;
import io.conmonj.testing.Conmonj;
import io.conmonj.testing.Runc;
import io.conmonj.testing.SeqpacketClient;
import io.conmonj.testing.Waits;

/**
 * 1000 attach clients come and go while the container writes: some leave at once, some mid-message
 * with input half sent, some after reading, some never read. Afterwards the monitor holds exactly the
 * descriptors and threads it held before, and its memory has not grown.
 */
class AttachDrillIT extends ContainerTestBase {
    private static final int CYCLES = 1000;

    record Footprint(long fds, long threads, long rssKiB) {
    }

    private static Footprint footprint(int pid) throws IOException {
        try (var fds = Files.list(Path.of("/proc/" + pid + "/fd")); var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            long rss = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).map(l -> l.replaceAll("\\D", "")).mapToLong(Long::parseLong)
                    .findFirst().orElse(-1);
            return new Footprint(fds.count(), tasks.count(), rss);
        }
    }

    @Test
    void athousandClientsComingAndGoingLeaveNothingBehind() throws Exception {
        Path bundle = Bundles.shell(tmp.resolve("b"), "while :; do echo tick-tick-tick-tick; sleep 0.002; done");
        String cid = newContainerId();
        Conmonj c = track(Conmonj.podmanCreate(bundle, cid, "-i")).start().release();
        assertEquals(0, c.waitFirstProcess(), c.stderr());
        c.readSyncLine();
        int monitor = c.monitorPid();
        trackMonitor(monitor);
        Runc.start(cid);
        Path socket = bundle.resolve("attach");
        // one client first, so the monitor's client machinery is warmed up before the baseline
        SeqpacketClient.connect(socket).close();
        Thread.sleep(500);
        Footprint before = footprint(monitor);
        List<SeqpacketClient> idle = new ArrayList<>();
        for (int i = 0; i < CYCLES; i++) {
            SeqpacketClient client = SeqpacketClient.connect(socket);
            switch (i % 4) {
                case 0 -> client.close();
                case 1 -> {
                    client.readMessage();
                    client.close();
                }
                case 2 -> {
                    client.send("half a line of input without its newl".getBytes());
                    client.close();
                }
                default -> {
                    if (idle.size() < 50) {
                        idle.add(client); // never reads: it falls behind
                    } else {
                        client.close();
                    }
                }
            }
        }
        Thread.sleep(1000);
        idle.forEach(SeqpacketClient::close);
        assertTrue(Waits.until(Duration.ofSeconds(20), () -> sameCounts(before, monitor)),
                () -> "before " + before + ", after " + footprintOrError(monitor));
        Footprint after = footprint(monitor);
        System.out.printf("attach drill: %d clients; monitor fds %d -> %d, threads %d -> %d, RSS %d -> %d KiB%n",
                CYCLES, before.fds(), after.fds(), before.threads(), after.threads(), before.rssKiB(), after.rssKiB());
        assertTrue(after.rssKiB() - before.rssKiB() < 8 * 1024, "RSS grew by " + (after.rssKiB() - before.rssKiB()) + " KiB");
        assertTrue(Waits.processAlive(monitor));
        Commands.run("runc", "kill", cid, "KILL");
        assertEquals("137", awaitExit(bundle, cid, Duration.ofSeconds(30)));
    }

    private static boolean sameCounts(Footprint before, int pid) {
        try {
            Footprint now = footprint(pid);
            return now.fds() <= before.fds() && now.threads() <= before.threads();
        } catch (IOException e) {
            return false;
        }
    }

    private static String footprintOrError(int pid) {
        try {
            return footprint(pid).toString();
        } catch (IOException e) {
            return e.toString();
        }
    }
}
