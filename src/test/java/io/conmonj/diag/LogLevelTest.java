package io.conmonj.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class LogLevelTest {
    @Test
    void namesAreComparedAsStrcasecmpDoes() {
        assertEquals(Optional.of(LogLevel.INFO), LogLevel.parse("InFo"));
        assertEquals(Optional.of(LogLevel.ERROR), LogLevel.parse("PANIC"));
        assertEquals(Optional.of(LogLevel.WARN), LogLevel.parse("Warning"));
        assertEquals(Optional.of(LogLevel.TRACE), LogLevel.parse("trace"));
        assertEquals(Optional.of(LogLevel.DEBUG), LogLevel.parse("DEBUG"));
        assertEquals(Optional.of(LogLevel.ERROR), LogLevel.parse("fatal"));
        // only ASCII letters fold: the dotless i is another letter
        assertEquals(Optional.empty(), LogLevel.parse("\u0131nfo"));
        assertEquals(Optional.empty(), LogLevel.parse("debug "));
        assertEquals(Optional.empty(), LogLevel.parse(""));
    }
}
