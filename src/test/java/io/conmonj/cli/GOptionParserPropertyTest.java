package io.conmonj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * GLib option parsing of generated command lines is stable: nothing but conmon's own option errors
 * escapes, and what cannot matter does not: the spelling of an option, positionals, what follows "--".
 */
class GOptionParserPropertyTest {
    /** GLib's messages (goption.c), the only failures a command line may cause. */
    private static final Pattern GLIB_ERROR = Pattern.compile("Unknown option .*|Missing argument for -(-[a-z-]+|.)"
            + "|Error parsing option -.|Cannot parse integer value \u201c.*\u201d for -(-[a-z-]+|.)"
            + "|Integer value \u201c.*\u201d for -(-[a-z-]+|.) out of range", Pattern.DOTALL);

    @Property(tries = 2000)
    void onlyGlibsMessagesEscape(@ForAll("commandLines") List<String> argv) {
        try {
            GOptionParser.parse(argv);
        } catch (OptionParsingException e) {
            assertTrue(GLIB_ERROR.matcher(e.getMessage()).matches(), e.getMessage());
        }
    }

    @Property(tries = 500)
    void whatFollowsTheSeparatorAndLeadingPositionalsDoNotMatter(@ForAll("commandLines") List<String> argv,
                                                                 @ForAll("anything") List<String> after,
                                                                 @ForAll("positionals") List<String> before) {
        // an option still waiting for its value would take the "--" as it
        Assume.that(!outcome(argv).startsWith("error: Missing argument"));
        List<String> longer = new ArrayList<>(before);
        longer.addAll(argv);
        longer.add("--");
        longer.addAll(after);
        assertEquals(outcome(argv), outcome(longer));
    }

    @Property(tries = 500)
    void everySpellingOfAnOptionParsesTheSame(@ForAll("settings") List<List<String>> settings, @ForAll long seed) {
        java.util.Random random = new java.util.Random(seed);
        List<String> plain = new ArrayList<>();
        List<String> respelled = new ArrayList<>();
        for (List<String> setting : settings) {
            ConmonOption entry = ConmonOption.byLongName(setting.get(0));
            plain.add("--" + setting.get(0));
            plain.addAll(setting.subList(1, setting.size()));
            List<String> names = entry.names();
            String name = names.get(random.nextInt(names.size()));
            if (setting.size() == 1) {
                respelled.add(name);
            } else if (name.startsWith("--") && random.nextBoolean()) {
                respelled.add(name + "=" + setting.get(1));
            } else {
                respelled.add(name);
                respelled.add(setting.get(1));
            }
        }
        assertEquals(outcome(plain), outcome(respelled));
    }

    /** The parse's outcome as text: the error, or help, or every option's value. */
    private static String outcome(List<String> argv) {
        try {
            GOptionParser.Result result = GOptionParser.parse(argv);
            if (result.helpRequested()) {
                return "help";
            }
            return result.options().toString();
        } catch (OptionParsingException e) {
            return "error: " + e.getMessage();
        }
    }

    @Provide
    Arbitrary<List<String>> commandLines() {
        Arbitrary<List<String>> generated = Arbitraries.longs().map(seed -> new ArgvGenerator(seed).next());
        return Arbitraries.oneOf(generated, generated, anything());
    }

    @Provide
    Arbitrary<List<String>> anything() {
        Arbitrary<String> word = Arbitraries.oneOf(
                Arbitraries.strings().withChars("-=cutThe?0x9 ").ofMaxLength(6),
                Arbitraries.of("--cid", "-c", "--timeout", "-T", "--log-path", "--help", "-h", "--", "-", "--sync",
                        "--log-size-max", "--exit-delay="),
                Arbitraries.strings().ofMaxLength(8));
        return word.list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<List<String>> positionals() {
        return Arbitraries.strings().withChars("abc1 =").ofMinLength(1).ofMaxLength(4).list().ofMaxSize(3)
                .map(list -> list.stream().filter(s -> !s.startsWith("-")).toList());
    }

    /** Options with values that parse: a long name, and its value unless it is a flag. */
    @Provide
    Arbitrary<List<List<String>>> settings() {
        Arbitrary<List<String>> setting = Arbitraries.of(ConmonOption.values()).flatMap(entry -> {
            String name = entry.firstLong().substring(2);
            if (entry.isFlag()) {
                return Arbitraries.just(List.of(name));
            }
            Arbitrary<String> value = entry.kind() == ConmonOption.Kind.INT || entry.kind() == ConmonOption.Kind.INT64
                    ? Arbitraries.integers().between(-1000, 1000).map(String::valueOf)
                    : Arbitraries.strings().ofMaxLength(10);
            return value.map(v -> List.of(name, v));
        });
        return setting.list().ofMaxSize(8);
    }
}
