package io.conmonj.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.conmonj.testing.Bundles;
import io.conmonj.testing.Commands;
import io.conmonj.testing.Runc;
import io.conmonj.testing.Waits;

/** k8s-file completeness, truncation and rotation, and bad disks, with real containers (docs/behaviour.md §11). */
class LogDriversIT extends ContainerTestBase {
    private static final Duration EXIT_WAIT = Duration.ofSeconds(120);

    /** The bytes of each stream rebuilt from a k8s-file log (F records keep their newline, P records lose the added one). */
    static Map<String, byte[]> decode(byte[] log) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int pos = 0;
        while (pos < log.length) {
            int end = pos;
            while (log[end] != '\n') {
                end++;
            }
            // 35-byte timestamp, space, 6-byte stream, space, tag, space
            assertEquals(' ', log[pos + 35], "record at " + pos);
            String stream = new String(log, pos + 36, 6, StandardCharsets.US_ASCII);
            byte tag = log[pos + 43];
            int content = pos + 45;
            ByteArrayOutputStream target = stream.equals("stdout") ? out : err;
            target.write(log, content, end - content);
            if (tag == 'F') {
                target.write('\n');
            } else {
                assertEquals('P', tag);
            }
            pos = end + 1;
        }
        return Map.of("stdout", out.toByteArray(), "stderr", err.toByteArray());
    }

    /** Lines of 1 byte to 64 KiB (printable bytes), total size bytes, ending without a newline. */
    static byte[] mixedLines(long seed, int size) {
        Random random = new Random(seed);
        byte[] data = new byte[size];
        int pos = 0;
        while (pos < size) {
            int len = random.nextInt(4) == 0 ? 1 + random.nextInt(65536) : 1 + random.nextInt(200);
            for (int i = 0; i < len - 1 && pos < size; i++) {
                data[pos++] = (byte) (' ' + random.nextInt(95));
            }
            if (pos < size) {
                data[pos++] = '\n';
            }
        }
        data[size - 1] = 'z';
        return data;
    }

    @Test
    void hundredMebibytesOfMixedLinesDecodeBackExactlyPerStream() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        byte[] out = mixedLines(1, 64 << 20);
        byte[] err = mixedLines(2, 36 << 20);
        Files.write(data.resolve("out"), out);
        Files.write(data.resolve("err"), err);
        Path bundle = Bundles.withBindMount(Bundles.shell(tmp.resolve("b"), "cat /data/out & cat /data/err >&2; wait"),
                data, "/data");
        String cid = createContainer(bundle);
        Runc.start(cid);
        assertEquals("0", awaitExit(bundle, cid, EXIT_WAIT));
        Map<String, byte[]> decoded = decode(Files.readAllBytes(bundle.resolve("ctr.log")));
        assertEquals(out.length, decoded.get("stdout").length);
        assertArrayEquals(out, decoded.get("stdout"), "stdout");
        assertArrayEquals(err, decoded.get("stderr"), "stderr");
    }

    @Test
    void rotationKeepsTheSizeBoundAndExactlyMaxFiles() throws Exception {
        Path bundle = Bundles.shell(tmp.resolve("b"), "i=0; while [ $i -lt 200 ]; do echo line-$i; i=$((i+1)); done");
        String cid = createContainer(bundle, "--log-size-max", "1000", "--log-rotate", "--log-max-files", "2");
        Runc.start(cid);
        assertEquals("0", awaitExit(bundle, cid, EXIT_WAIT));
        List<String> all = new ArrayList<>();
        for (String name : List.of("ctr.log.2", "ctr.log.1", "ctr.log")) {
            Path file = bundle.resolve(name);
            assertTrue(Files.size(file) <= 1000, name + " is " + Files.size(file));
            all.addAll(Files.readAllLines(file));
        }
        assertFalse(Files.exists(bundle.resolve("ctr.log.3")));
        String last = all.get(all.size() - 1);
        assertTrue(last.endsWith(" stdout F line-199"), last);
        // the three files hold the newest lines, contiguous
        int first = Integer.parseInt(all.get(0).substring(all.get(0).lastIndexOf('-') + 1));
        for (int i = 0; i < all.size(); i++) {
            assertTrue(all.get(i).endsWith(" stdout F line-" + (first + i)), all.get(i));
        }
    }

    @Test
    void reopenWithRotateMovesThePreviousContentToDotOne() throws Exception {
        Path bundle = Bundles.shell(tmp.resolve("b"), "echo before; sleep 1.5; echo after");
        String cid = createContainer(bundle, "--log-rotate");
        Runc.start(cid);
        Path log = bundle.resolve("ctr.log");
        assertTrue(Waits.until(Duration.ofSeconds(10), () -> size(log) > 0));
        Files.writeString(bundle.resolve("ctl"), "2 0 0\n", StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        assertTrue(Waits.until(Duration.ofSeconds(5), () -> Files.exists(bundle.resolve("ctr.log.1"))));
        assertEquals("0", awaitExit(bundle, cid, EXIT_WAIT));
        assertTrue(Files.readString(bundle.resolve("ctr.log.1")).endsWith(" stdout F before\n"));
        assertTrue(Files.readString(log).endsWith(" stdout F after\n"));
        assertFalse(Files.readString(log).contains("before"));
    }

    @Test
    void aFullDiskNeverStopsTheContainerAndLoggingResumesWhenThereIsSpace() throws Exception {
        Path disk = Files.createDirectories(tmp.resolve("disk"));
        mount(disk);
        try {
            Path filler = disk.resolve("filler");
            Commands.run("dd", "if=/dev/zero", "of=" + filler, "bs=1M", "count=4");
            Path bundle = Bundles.shell(tmp.resolve("b"),
                    "i=0; while [ $i -lt 300 ]; do echo line-$i-" + "x".repeat(200) + "; i=$((i+1)); sleep 0.01; done");
            String cid = createContainer(bundle, "-l", "k8s-file:" + disk.resolve("ctr.log"));
            Runc.start(cid);
            Thread.sleep(1000);
            Files.delete(filler);
            assertEquals("0", awaitExit(bundle, cid, EXIT_WAIT), "the container ran to its end");
            String log = Files.readString(disk.resolve("ctr.log"));
            assertTrue(log.contains(" stdout F line-299-"), "logging resumed after space was freed");
            assertFalse(log.contains(" stdout F line-0-"), "the first lines found the disk full");
            int monitor = Integer.parseInt(Files.readString(bundle.resolve("conmon.pid")));
            assertTrue(Waits.until(Duration.ofSeconds(10), () -> !Waits.processAlive(monitor)), "monitor exited");
        } finally {
            Commands.run("umount", "-l", disk.toString());
        }
    }

    @Test
    void aDeletedLogDirectoryNeverStopsTheContainer() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("logs"));
        Path bundle = Bundles.shell(tmp.resolve("b"),
                "i=0; while [ $i -lt 100 ]; do echo line-$i; i=$((i+1)); sleep 0.02; done");
        // the size limit makes conmonj try to replace the file, which fails once the directory is gone
        String cid = createContainer(bundle, "-l", "k8s-file:" + dir.resolve("ctr.log"), "--log-size-max", "500");
        Runc.start(cid);
        Thread.sleep(500);
        Commands.run("rm", "-rf", dir.toString());
        assertEquals("0", awaitExit(bundle, cid, EXIT_WAIT), "the container ran to its end");
        int monitor = Integer.parseInt(Files.readString(bundle.resolve("conmon.pid")));
        assertTrue(Waits.until(Duration.ofSeconds(10), () -> !Waits.processAlive(monitor)), "monitor exited");
    }

    /** A 4 MiB tmpfs at dir. */
    private static void mount(Path dir) throws Exception {
        Commands.run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", dir.toString());
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (Exception e) {
            return 0;
        }
    }
}
