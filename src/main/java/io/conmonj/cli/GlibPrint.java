package io.conmonj.cli;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The bytes GLib's g_print and g_printerr write for a text (conmon prints --help, --version and option
 * errors through them): as is in a UTF-8 locale, else in the locale's charset with '?' for each
 * character it cannot show ("[OPTION?]", "?x?" for the quotes around a bad value in the C locale).
 * The JVM found the charset as GLib does: setlocale(LC_ALL, "") and nl_langinfo(CODESET).
 */
public final class GlibPrint {
    private GlibPrint() {
    }

    public static byte[] bytes(String text) {
        return text.getBytes(localeCharset());
    }

    static Charset localeCharset() {
        try {
            return Charset.forName(System.getProperty("native.encoding", "UTF-8"));
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }
}
