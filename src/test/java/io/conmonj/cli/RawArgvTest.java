package io.conmonj.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class RawArgvTest {
    private static byte[] cmdline(String... elements) {
        return (String.join("\0", elements) + "\0").getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void theArgumentsAreTheLastElementsOfTheCommandLineWithTheirBytes() {
        // "\u00ff" stands for the byte 0xff, which the JVM decoded (in UTF-8) as U+FFFD
        List<byte[]> raw = RawArgv.tail(cmdline("java", "-cp", "x.jar", "Main", "-c", "\u00ff"),
                new String[] {"-c", "\ufffd"}, StandardCharsets.UTF_8);
        assertEquals(2, raw.size());
        assertArrayEquals("-c".getBytes(StandardCharsets.US_ASCII), raw.get(0));
        assertArrayEquals(new byte[] {(byte) 0xff}, raw.get(1));
        assertEquals(0, RawArgv.tail(cmdline("java"), new String[0], StandardCharsets.UTF_8).size());
        // a command line of the arguments alone (a native binary is argv[0] plus them; here argv[0] is one of them)
        assertArrayEquals(new byte[] {(byte) 0xff},
                RawArgv.tail(cmdline("-c", "\u00ff"), new String[] {"-c", "\ufffd"}, StandardCharsets.UTF_8).get(1));
    }

    @Test
    void aCommandLineThatDoesNotEndWithTheArgumentsIsNotUsed() {
        List<byte[]> raw = RawArgv.tail(cmdline("java", "other"), new String[] {"-c", "\u00e9"}, StandardCharsets.UTF_8);
        assertArrayEquals("\u00e9".getBytes(StandardCharsets.UTF_8), raw.get(1));
        raw = RawArgv.tail(cmdline("java", "-c", "x"), new String[] {"-c", "y"}, StandardCharsets.UTF_8);
        assertArrayEquals("y".getBytes(StandardCharsets.UTF_8), raw.get(1));
    }

    @Test
    void thisProcessesArgumentsAreFoundOrTakenAsUtf8() {
        // the test JVM's own command line does not end with these: they are taken as they are
        assertArrayEquals("\u00e9".getBytes(StandardCharsets.UTF_8), RawArgv.of(new String[] {"\u00e9"}).get(0));
        assertEquals(0, RawArgv.of(new String[0]).size());
    }
}
