package io.conmonj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.conmonj.testing.Bundles;
import io.conmonj.testing.Runc;
import io.conmonj.testing.SeqpacketClient;
import io.conmonj.testing.Waits;

/** Terminal containers (console socket, pty, resize) and the ctl fifo (docs/behaviour.md §9, §10). */
class TerminalAndCtlIT extends ContainerTestBase {
    private static final Duration EXIT_WAIT = Duration.ofSeconds(60);
    private static final Pattern SIZE = Pattern.compile("(\\d+) (\\d+)\r\n");

    /** A terminal container answering every input line with its terminal size, attached. */
    private final class SizeReporter implements AutoCloseable {
        final Path bundle;
        final String cid;
        final SeqpacketClient client;
        final StringBuilder seen = new StringBuilder();

        SizeReporter() throws Exception {
            bundle = Bundles.withTerminal(Bundles.shell(tmp.resolve("b"), "while read x; do stty size; done"));
            cid = createContainer(bundle, "-t", "-i");
            client = SeqpacketClient.connect(bundle.resolve("attach"));
            Runc.start(cid);
        }

        /** Asks the container for its size and returns the answer, e.g. "10 20". */
        String size() {
            client.send("\n".getBytes(StandardCharsets.US_ASCII));
            while (true) {
                Matcher m = SIZE.matcher(seen);
                if (m.find()) {
                    String size = m.group(1) + " " + m.group(2);
                    seen.delete(0, m.end());
                    return size;
                }
                // fail rather than hang if the answer never comes
                assertTrue(client.awaitReadable(Duration.ofSeconds(20)), "no answer from the container; got " + seen);
                byte[] message = client.readMessage();
                assertTrue(message != null, "container output ended; got " + seen);
                assertEquals(2, message[0], "terminal output is stream 2");
                seen.append(new String(message, 1, message.length - 1, StandardCharsets.ISO_8859_1));
            }
        }

        void ctl(String line) throws Exception {
            Files.writeString(bundle.resolve("ctl"), line, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            Thread.sleep(200);
        }

        @Override
        public void close() {
            client.close();
        }
    }

    @Test
    void resizeReachesTheTerminalAndEveryRejectedLineLeavesTheSizeUnchanged() throws Exception {
        try (SizeReporter c = new SizeReporter()) {
            c.ctl("1 10 20\n");
            assertEquals("10 20", c.size());
            List<String> rejected = List.of("1 1001 20\n", "1 10 65535\n", "1 100000 5\n", "1 -1 20\n",
                    "1 10.5 20\n", "1 0x10 20\n", "1 10\n", "3 10 20\n", "garbage\n", "\n", "1 " + "9".repeat(300) + " 5\n",
                    "x".repeat(250) + "\n");
            for (String line : rejected) {
                c.ctl(line);
                assertEquals("10 20", c.size(), "after " + line.trim());
            }
            c.ctl("1 1000 0003 extra tokens\n");
            assertEquals("1000 3", c.size(), "bounds accepted, leading zeros, extra tokens ignored");
            c.ctl("1 5 7\n");
            assertEquals("5 7", c.size(), "the monitor still takes requests");
            c.client.shutdownOutput();
        }
    }

    @Test
    void terminalOutputIsLoggedAsStdoutWithCrLf() throws Exception {
        Path bundle = Bundles.withTerminal(Bundles.shell(tmp.resolve("b"), "echo in-a-tty; tty; exit 3"));
        Path consoleDir = Files.createDirectories(tmp.resolve("console"));
        String cid = createContainer(bundle, java.util.Map.of("TMPDIR", consoleDir.toString()), "-t");
        try (var left = Files.list(consoleDir)) {
            assertEquals(List.of(), left.toList(), "console socket unlinked once the runtime connected");
        }
        Runc.start(cid);
        assertEquals("3", awaitExit(bundle, cid, EXIT_WAIT));
        // the pty may hand "in-a-tty" and its "\r\n" over in two reads (two records), as with conmon
        List<String> records = List.of(Files.readString(bundle.resolve("ctr.log")).split("\n"));
        StringBuilder stdout = new StringBuilder();
        for (String record : records) {
            String[] fields = record.split(" ", 4);
            assertEquals("stdout", fields[1], record);
            stdout.append(fields[3]).append(fields[2].equals("F") ? "\n" : "");
        }
        assertTrue(stdout.toString().startsWith("in-a-tty\r\n/dev/pts/"), String.join("\n", records));
    }

    @Test
    void reopenAfterTheLogWasDeletedRecreatesItAndLoggingContinues() throws Exception {
        Path bundle = Bundles.shell(tmp.resolve("b"),
                "i=0; while [ $i -lt 40 ]; do echo tick-$i; i=$((i+1)); sleep 0.1; done");
        String cid = createContainer(bundle);
        Path log = bundle.resolve("ctr.log");
        Runc.start(cid);
        assertTrue(Waits.until(Duration.ofSeconds(10), () -> readQuietly(log).contains("tick-3")));
        Files.delete(log);
        Files.writeString(bundle.resolve("ctl"), "2 0 0\n", StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        assertTrue(Waits.until(Duration.ofSeconds(5), () -> Files.exists(log)), "log recreated");
        assertEquals("0", awaitExit(bundle, cid, EXIT_WAIT));
        String content = Files.readString(log);
        assertTrue(content.contains(" stdout F tick-39\n"), content);
        assertTrue(!content.contains("tick-0\n"), "the new file starts empty");
    }

    @Test
    void garbageOnCtlLeavesTheMonitorRunning() throws Exception {
        Path bundle = Bundles.shell(tmp.resolve("b"), "sleep 1.5; echo still-logged");
        String cid = createContainer(bundle);
        Runc.start(cid);
        Files.write(bundle.resolve("ctl"), new byte[] {0, (byte) 0xff, '\n', 'z', ' ', '1', '\n', '2', ' ', '1', '\n'},
                StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        assertEquals("0", awaitExit(bundle, cid, EXIT_WAIT));
        assertTrue(Files.readString(bundle.resolve("ctr.log")).contains(" stdout F still-logged\n"));
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (Exception e) {
            return "";
        }
    }
}
