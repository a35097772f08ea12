package io.conmonj.diag;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** conmon's messages as listed in the test resource conmon-messages.txt (its header says how to read it). */
public final class MessageCatalogue {
    /** One message: where conmon prints it, how, its text, when, and how conmonj stands to it. */
    public record Entry(String sourceFile, String form, String text, String situation, String conmonj) {
        public boolean fatal() {
            return form.endsWith("exit") || form.endsWith("exitf");
        }

        /** What conmon writes before the text on stderr. */
        public String prefix() {
            return fatal() ? "[conmon:e]: " : "[conmon:w]: ";
        }
    }

    private MessageCatalogue() {
    }

    public static List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        String file = null;
        for (String line : read().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                file = line.substring(1, line.length() - 1);
                continue;
            }
            String[] fields = line.split(" \\| ", -1);
            if (fields.length != 4) {
                throw new IllegalStateException("not FORM | TEXT | SITUATION | CONMONJ: " + line);
            }
            entries.add(new Entry(file, fields[0], fields[1], fields[2], fields[3]));
        }
        return entries;
    }

    private static String read() {
        try (InputStream in = MessageCatalogue.class.getResourceAsStream("/conmon-messages.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
