package io.conmonj.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class SyncMessageTest {
    private static String format(String key, int value, String message) {
        byte[] m = message == null ? null : message.getBytes(StandardCharsets.UTF_8);
        return new String(SyncMessage.format(key, value, m), StandardCharsets.UTF_8);
    }

    @Test
    void plainMessages() {
        assertEquals("{\"data\": 1234}\n", format("data", 1234, null));
        assertEquals("{\"pid\": -1}\n", format("pid", -1, ""));
        assertEquals("{\"exit_code\": 42}\n", format("exit_code", 42, null));
    }

    @Test
    void escapingFollowsConmon() {
        assertEquals("{\"data\": -1, \"message\": \"a\\\"b\\\\c\\/d\\ne\\rf\\tg\\bh\\fi\\u0001j\\u007fk\u00e9\"}\n",
                format("data", -1, "a\"b\\c/d\ne\rf\tg\bh\fi\u0001j\u007fk\u00e9"));
    }
}
