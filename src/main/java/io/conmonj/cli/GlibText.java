package io.conmonj.cli;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * GLib's conversions between the bytes of the command line and text, in the locale's charset (the JVM
 * found it as GLib does: setlocale(LC_ALL, "") and nl_langinfo(CODESET)). The parser keeps what the
 * caller passed as "raw" strings, one char per byte (ISO-8859-1); a message mixes them with GLib's own
 * text, whose only non-ASCII characters (“ ” …) lie above U+00FF, so each char still says which byte
 * or bytes it stands for.
 */
public final class GlibText {
    private static final String INVALID_SEQUENCE = "Invalid byte sequence in conversion input";

    private GlibText() {
    }

    /** A raw string of the caller's bytes. */
    public static String raw(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** g_locale_to_utf8 of a raw value (string options): the text it stands for in the locale's charset. */
    static String fromLocale(String raw) throws OptionParsingException {
        try {
            return localeCharset().newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException e) {
            throw new OptionParsingException(INVALID_SEQUENCE);
        }
    }

    /**
     * The bytes g_print/g_printerr write for a message (--help, --version, option errors): as they are
     * in a UTF-8 locale; else, when they are UTF-8, in the locale's charset with '?' for what it cannot
     * show ("[OPTION?]" in the C locale), and when they are not, GLib's escaped "[Invalid UTF-8]" form.
     */
    public static byte[] printed(String message) {
        byte[] bytes = bytesOf(message);
        Charset charset = localeCharset();
        if (charset.equals(StandardCharsets.UTF_8)) {
            return bytes;
        }
        try {
            CharBuffer text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return text.toString().getBytes(charset);
        } catch (CharacterCodingException e) {
            return escaped(bytes);
        }
    }

    /** The bytes a message stands for: a char up to U+00FF is the caller's byte, one above is GLib's UTF-8. */
    static byte[] bytesOf(String message) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(message.length());
        message.codePoints().forEach(c -> {
            if (c <= 0xff) {
                out.write(c);
            } else {
                out.writeBytes(Character.toString(c).getBytes(StandardCharsets.UTF_8));
            }
        });
        return out.toByteArray();
    }

    /** GLib's strdup_convert of bytes that are not UTF-8: printable ASCII kept, the rest as \xNN. */
    private static byte[] escaped(byte[] bytes) {
        StringBuilder out = new StringBuilder("[Invalid UTF-8] ");
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean safe = (b >= 0x20 || b == '\t' || b == '\n' || b == '\r') && b < 0x7f;
            boolean loneReturn = b == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n');
            out.append(safe && !loneReturn ? String.valueOf((char) b) : String.format("\\x%02x", b));
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static Charset localeCharset() {
        try {
            return Charset.forName(System.getProperty("native.encoding", "UTF-8"));
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }
}
