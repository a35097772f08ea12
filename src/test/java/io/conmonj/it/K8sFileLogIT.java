package io.conmonj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.conmonj.testing.Bundles;
import io.conmonj.testing.Conmonj;
import io.conmonj.testing.Runc;
import io.conmonj.testing.Waits;

/** The k8s-file log written by a real container: exact content per stream, long lines, size limit. */
class K8sFileLogIT extends ContainerTestBase {
    private static final Duration EXIT_WAIT = Duration.ofSeconds(60);

    private Path runToExit(String script, String... extra) throws Exception {
        Path bundle = Bundles.shell(tmp.resolve("b"), script);
        String cid = createContainer(bundle, extra);
        Runc.start(cid);
        awaitExit(bundle, cid, EXIT_WAIT);
        return bundle.resolve("ctr.log");
    }

    /** The bytes of one stream, rebuilt from the log's records (F adds the newline, P does not). */
    static String decode(List<String> lines, String stream) {
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            Matcher m = LifecycleIT.RECORD.matcher(line);
            assertTrue(m.matches(), "not a k8s-file record: " + line);
            if (m.group(1).equals(stream)) {
                out.append(m.group(3)).append(m.group(2).equals("F") ? "\n" : "");
            }
        }
        return out.toString();
    }

    @Test
    void bothStreamsUnderLoadDecodeToExactlyWhatWasWritten() throws Exception {
        // ~590 KB on each stream at once, as fast as the container can write
        Path log = runToExit("seq 1 100000 & seq 100001 200000 >&2; wait");
        List<String> lines = Files.readAllLines(log);
        assertEquals(seq(1, 100000), decode(lines, "stdout"));
        assertEquals(seq(100001, 200000), decode(lines, "stderr"));
    }

    @Test
    void aLineLongerThanOneReadIsSplitIntoPartialRecordsThenAFullOne() throws Exception {
        // 20000 'x' and a newline, from one write: conmon reads 8192 bytes at a time
        Path log = runToExit("head -c 20000 /dev/zero | tr '\\0' x; echo");
        List<String> lines = Files.readAllLines(log);
        assertEquals("x".repeat(20000) + "\n", decode(lines, "stdout"));
        assertTrue(lines.size() >= 3, "split into records: " + lines.size());
        assertTrue(lines.get(lines.size() - 1).contains(" stdout F "), "ends with a full record");
        for (String line : lines.subList(0, lines.size() - 1)) {
            assertTrue(line.contains(" stdout P "), "partial records first");
            assertTrue(line.length() <= 45 + 8192, "one record per read at most 8192 bytes");
        }
    }

    @Test
    void logSizeMaxKeepsOnlyWhatFitsAfterTheLastTruncation() throws Exception {
        Path log = runToExit("for i in 1 2 3 4 5 6 7 8 9 10; do echo line-$i; sleep 0.05; done", "--log-size-max", "120");
        List<String> lines = Files.readAllLines(log);
        // each record is 45 + 8 bytes (+1 for line-10): two fit in 120 bytes
        assertTrue(Files.size(log) <= 120, "size " + Files.size(log));
        assertTrue(lines.get(lines.size() - 1).endsWith(" stdout F line-10"), lines.toString());
        assertTrue(lines.size() <= 2, lines.toString());
    }

    static String seq(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(Integer::toString).collect(Collectors.joining("\n", "", "\n"));
    }
}
