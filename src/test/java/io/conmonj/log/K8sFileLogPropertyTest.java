package io.conmonj.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import io.conmonj.stream.StreamType;

/**
 * k8s-file records (conmon: src/ctr_logging.c write_k8s_log) decode back to exactly what the container wrote, stream by stream
 * and in order, whatever the reads looked like: partial lines, empty reads, carriage returns, lines
 * longer than a read.
 */
class K8sFileLogPropertyTest {
    private static final Instant T = Instant.parse("2026-03-01T09:20:30.000456789Z");
    private static final Pattern RECORD = Pattern.compile(
            "2026-03-01T09:20:30\\.000456789\\+00:00 (stdout|stderr) ([PF]) ([^\n]*)\n", Pattern.DOTALL);

    /** What one read of the container's output was. */
    record Chunk(StreamType stream, byte[] bytes) {
    }

    @Property(tries = 200)
    void recordsDecodeToTheExactBytesOfEachStream(@ForAll("reads") List<Chunk> reads) throws Exception {
        Path file = Files.createTempFile("k8s-file", ".log");
        try {
            try (K8sFileLog log = new K8sFileLog(file.toString(), -1, -1, false, null, new LogCounters(),
                    Clock.fixed(T, ZoneOffset.UTC), ZoneOffset.UTC)) {
                for (Chunk read : reads) {
                    log.write(read.stream(), ByteBuffer.wrap(read.bytes()));
                }
            }
            assertEquals(runs(reads), runs(decode(Files.readAllBytes(file))));
        } finally {
            Files.delete(file);
        }
    }

    /** The records of a k8s-file log as the reads they stand for: F adds the newline back. */
    private static List<Chunk> decode(byte[] log) {
        String text = new String(log, StandardCharsets.ISO_8859_1);
        Matcher m = RECORD.matcher(text);
        List<Chunk> records = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            assertTrue(m.find(at) && m.start() == at, "a record at " + at + ": " + text.substring(at));
            String content = m.group(3) + (m.group(2).equals("F") ? "\n" : "");
            StreamType stream = m.group(1).equals("stdout") ? StreamType.STDOUT : StreamType.STDERR;
            records.add(new Chunk(stream, content.getBytes(StandardCharsets.ISO_8859_1)));
            at = m.end();
        }
        return records;
    }

    /** The output as runs of one stream: consecutive reads of a stream joined, empty ones gone. */
    private static List<String> runs(List<Chunk> chunks) {
        List<String> runs = new ArrayList<>();
        StreamType current = null;
        ByteArrayOutputStream run = new ByteArrayOutputStream();
        for (Chunk c : chunks) {
            if (c.bytes().length == 0) {
                continue;
            }
            if (c.stream() != current && current != null) {
                runs.add(current + ":" + run.toString(StandardCharsets.ISO_8859_1));
                run.reset();
            }
            current = c.stream();
            run.writeBytes(c.bytes());
        }
        if (current != null) {
            runs.add(current + ":" + run.toString(StandardCharsets.ISO_8859_1));
        }
        return runs;
    }

    @Provide
    Arbitrary<List<Chunk>> reads() {
        Arbitrary<byte[]> text = Arbitraries.oneOf(
                Arbitraries.strings().withChars("ab\n\r \t").ofMaxLength(60).map(s -> s.getBytes(StandardCharsets.ISO_8859_1)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(100),
                Arbitraries.integers().between(8000, 20_000).map(n -> longLine(n)),
                Arbitraries.just(new byte[0]));
        return Combinators.combine(Arbitraries.of(StreamType.STDOUT, StreamType.STDERR), text)
                .as(Chunk::new).list().ofMaxSize(12);
    }

    private static byte[] longLine(int length) {
        byte[] line = new byte[length];
        java.util.Arrays.fill(line, (byte) 'x');
        line[length / 2] = '\r';
        return line;
    }
}
