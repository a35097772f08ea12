package io.conmonj.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GlibTextTest {
    /** é as the two bytes a UTF-8 terminal passes, in the parser's raw form. */
    private static final String RAW_E_ACUTE = GlibText.raw("\u00e9".getBytes(StandardCharsets.UTF_8));
    private final String saved = System.getProperty("native.encoding");

    @AfterEach
    void restore() {
        System.setProperty("native.encoding", saved);
    }

    private static void locale(String charset) {
        System.setProperty("native.encoding", charset);
    }

    @Test
    void aUtf8LocalePrintsTheBytesAsTheyAre() {
        locale("UTF-8");
        assertArrayEquals("[OPTION\u2026] \u201cx\u201d".getBytes(StandardCharsets.UTF_8), GlibText.printed("[OPTION\u2026] \u201cx\u201d"));
        assertArrayEquals(new byte[] {(byte) 0xe2, (byte) 0x80, (byte) 0x9c, (byte) 0xff},
                GlibText.printed("\u201c" + GlibText.raw(new byte[] {(byte) 0xff})));
    }

    @Test
    void otherLocalesGetAQuestionMarkForEachCharacterTheyCannotShow() {
        locale("ANSI_X3.4-1968");
        assertArrayEquals("[OPTION?] ?x? ?".getBytes(StandardCharsets.US_ASCII),
                GlibText.printed("[OPTION\u2026] \u201cx\u201d \ud83d\ude00"));
        // the two bytes of é are one character
        assertArrayEquals("???".getBytes(StandardCharsets.US_ASCII), GlibText.printed("\u201c" + RAW_E_ACUTE + "\u201d"));
        locale("ISO-8859-1");
        assertArrayEquals(new byte[] {(byte) 0xe9, '?'}, GlibText.printed(RAW_E_ACUTE + "\u2026"));
    }

    @Test
    void bytesThatAreNotUtf8AreEscapedOutsideAUtf8Locale() {
        locale("ANSI_X3.4-1968");
        assertEquals("[Invalid UTF-8] x \\xe2\\x80\\x9c\\xff\\xe2\\x80\\x9d\t\\x01\\x7f\\x0d\r\n",
                new String(GlibText.printed("x \u201c" + GlibText.raw(new byte[] {(byte) 0xff}) + "\u201d\t\u0001\u007f\r\r\n"),
                        StandardCharsets.US_ASCII));
        assertEquals("[Invalid UTF-8] \\xff\\x0d", new String(GlibText.printed(GlibText.raw(new byte[] {(byte) 0xff, '\r'})),
                StandardCharsets.US_ASCII), "a return at the very end is alone");
    }

    @Test
    void stringValuesMustBeTextInTheLocalesCharset() throws Exception {
        locale("UTF-8");
        assertEquals("\u00e9", GlibText.fromLocale(RAW_E_ACUTE));
        assertEquals("Invalid byte sequence in conversion input", assertThrows(OptionParsingException.class,
                () -> GlibText.fromLocale(GlibText.raw(new byte[] {(byte) 0xff}))).getMessage());
        locale("ANSI_X3.4-1968");
        assertEquals("abc", GlibText.fromLocale("abc"));
        assertThrows(OptionParsingException.class, () -> GlibText.fromLocale(RAW_E_ACUTE));
        locale("ISO-8859-1");
        assertEquals("\u00c3\u00a9", GlibText.fromLocale(RAW_E_ACUTE));
    }
}
