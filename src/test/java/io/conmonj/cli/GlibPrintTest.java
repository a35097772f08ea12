package io.conmonj.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GlibPrintTest {
    private final String saved = System.getProperty("native.encoding");

    @AfterEach
    void restore() {
        System.setProperty("native.encoding", saved);
    }

    @Test
    void aUtf8LocaleGetsTheTextAsIs() {
        System.setProperty("native.encoding", "UTF-8");
        assertArrayEquals("[OPTION\u2026] \u201cx\u201d".getBytes(StandardCharsets.UTF_8), GlibPrint.bytes("[OPTION\u2026] \u201cx\u201d"));
    }

    @Test
    void otherLocalesGetAQuestionMarkForEachCharacterTheyCannotShow() {
        System.setProperty("native.encoding", "ANSI_X3.4-1968");
        assertArrayEquals("[OPTION?] ?x? ?".getBytes(StandardCharsets.US_ASCII),
                GlibPrint.bytes("[OPTION\u2026] \u201cx\u201d \ud83d\ude00"));
        System.setProperty("native.encoding", "ISO-8859-1");
        assertArrayEquals(new byte[] {(byte) 0xe9, '?'}, GlibPrint.bytes("\u00e9\u2026"));
    }
}
