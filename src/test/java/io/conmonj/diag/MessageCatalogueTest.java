package io.conmonj.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Walks conmon's message catalogue: every message conmonj has the situation for is written in
 * conmon's words. Here statically (each piece of the text between printf conversions stands in one of
 * conmonj's string literals); MessageCatalogueIT runs the ones a command line reaches.
 */
class MessageCatalogueTest {
    private static final Set<String> FORMS = Set.of("nexit", "nexitf", "pexit", "pexitf", "nwarn", "nwarnf", "pwarn",
            "pwarnf");
    private static final Pattern LITERAL = Pattern.compile("\"([^\"\\\\]*+(?:\\\\.[^\"\\\\]*+)*+)\"");
    private static final Pattern UNICODE = Pattern.compile("\\\\u([0-9a-fA-F]{4})");
    private static final Pattern CONVERSION = Pattern.compile("%\\.?\\d*[sdm]");

    @Test
    void everyEntrySaysHowConmonjStandsToIt() {
        List<MessageCatalogue.Entry> entries = MessageCatalogue.entries();
        assertTrue(entries.size() > 150, "the whole catalogue: " + entries.size());
        for (MessageCatalogue.Entry e : entries) {
            assertTrue(FORMS.contains(e.form()), e.toString());
            assertTrue(e.sourceFile().startsWith("src/") && e.sourceFile().endsWith(".c"), e.toString());
            assertTrue(e.conmonj().equals("source") || e.conmonj().startsWith("run ")
                    || e.conmonj().matches("none: \\S.*"), e.toString());
            assertTrue(!e.situation().isBlank(), e.toString());
        }
    }

    @Test
    void conmonjsSourcesHoldTheTextOfEveryMessageItProduces() throws IOException {
        String literals = String.join("\u0000", stringLiterals());
        List<String> missing = new ArrayList<>();
        for (MessageCatalogue.Entry e : MessageCatalogue.entries()) {
            if (e.conmonj().startsWith("none:")) {
                continue;
            }
            for (String piece : CONVERSION.split(e.text())) {
                if (!piece.isBlank() && !literals.contains(piece)) {
                    missing.add(e.sourceFile() + ": \"" + piece + "\" of " + e.text());
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    /** The source's \\uXXXX escapes as the characters they stand for (the compiler reads them first). */
    private static String unicodeEscapes(String literal) {
        return UNICODE.matcher(literal).replaceAll(m -> Matcher.quoteReplacement(
                String.valueOf((char) Integer.parseInt(m.group(1), 16))));
    }

    /** Every string literal in src/main/java, its escapes resolved. */
    private static List<String> stringLiterals() throws IOException {
        Path sources = Path.of(System.getProperty("conmonj.project", ".")).resolve("src/main/java");
        List<String> literals = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> {
                try {
                    Matcher m = LITERAL.matcher(Files.readString(p));
                    while (m.find()) {
                        literals.add(unicodeEscapes(m.group(1)).translateEscapes());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return literals;
    }
}
