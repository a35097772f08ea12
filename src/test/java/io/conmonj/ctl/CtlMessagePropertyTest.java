package io.conmonj.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The ctl line parser against a small model of what conmon does with a line (src/ctrl.c): glibc's
 * {@code sscanf(line, "%d %d %d")} (a C string: up to the first NUL; each number strtol'd, saturating at
 * the long's limits, then stored in an int) and conmon's checks of the type and the sizes.
 */
class CtlMessagePropertyTest {
    private static final String SPACE = "[ \\t\\n\\x0B\\f\\r]*+";
    /** %d reads greedily and never gives a digit back: possessive quantifiers. */
    private static final String NUMBER = "([+-]?+[0-9]++)";
    private static final Pattern THREE_NUMBERS = Pattern.compile(SPACE + NUMBER + SPACE + NUMBER + SPACE + NUMBER);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /** What conmon makes of a line: the message, or its warning. */
    static CtlMessage.Parsed model(String line) {
        int nul = line.indexOf('\0');
        Matcher m = THREE_NUMBERS.matcher(nul < 0 ? line : line.substring(0, nul));
        if (!m.lookingAt()) {
            return new CtlMessage.Parsed(null, "Invalid control message format");
        }
        int type = scanfInt(m.group(1));
        int height = scanfInt(m.group(2));
        int width = scanfInt(m.group(3));
        if (type != 1 && type != 2) {
            return new CtlMessage.Parsed(null, "Invalid control message type: " + type);
        }
        if (height < 0 || height > 1000 || width < 0 || width > 1000) {
            return new CtlMessage.Parsed(null, "Invalid window size: " + height + "x" + width + " (must be between 0 and 1000)");
        }
        return new CtlMessage.Parsed(new CtlMessage(type, height, width), null);
    }

    private static int scanfInt(String number) {
        BigInteger value = new BigInteger(number.startsWith("+") ? number.substring(1) : number);
        return (int) value.max(LONG_MIN).min(LONG_MAX).longValue();
    }

    @Property(tries = 3000)
    void anyLineIsJudgedAsConmonJudgesIt(@ForAll("lines") String line) {
        assertEquals(model(line), CtlMessage.check(line));
    }

    @Property(tries = 500)
    void validLinesSurviveAnyChunking(@ForAll("validLines") List<String> lines, @ForAll("cuts") List<Integer> cuts) {
        byte[] all = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        CtlLineReader reader = new CtlLineReader();
        List<CtlMessage> got = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            int to = Math.min(all.length, from + cut);
            got.addAll(reader.accept(java.util.Arrays.copyOfRange(all, from, to), to - from));
            from = to;
        }
        got.addAll(reader.accept(java.util.Arrays.copyOfRange(all, from, all.length), all.length - from));
        assertEquals(lines.stream().map(l -> model(l).message()).toList(), got);
    }

    @Provide
    Arbitrary<String> lines() {
        Arbitrary<String> noise = Arbitraries.strings().withChars(" \t\n\r\f\u000b+-0123456789x.a\u0000\u00e9").ofMaxLength(30);
        Arbitrary<String> number = Arbitraries.oneOf(
                Arbitraries.integers().between(-3, 1003).map(String::valueOf),
                Arbitraries.of("2147483647", "2147483648", "4294967296", "4294967297", "-2147483649",
                        "9223372036854775807", "9223372036854775808", "-9223372036854775809",
                        "99999999999999999999", "0001000", "+1", "-0", "00"),
                Arbitraries.bigIntegers().between(BigInteger.TWO.pow(70).negate(), BigInteger.TWO.pow(70)).map(String::valueOf));
        Arbitrary<String> space = Arbitraries.strings().withChars(" \t\n\u000b\f\r").ofMaxLength(3);
        Arbitrary<String> triple = Combinators.combine(space, number, space, number, space, number, noise)
                .as((a, b, c, d, e, f, g) -> a + b + c + d + e + f + g);
        return Arbitraries.oneOf(noise, triple, triple);
    }

    @Provide
    Arbitrary<List<String>> validLines() {
        Arbitrary<String> line = Combinators.combine(Arbitraries.of(1, 2), Arbitraries.integers().between(0, 1000),
                Arbitraries.integers().between(0, 1000)).as((t, h, w) -> t + " " + h + " " + w);
        return line.list().ofMaxSize(20);
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(0, 40).list().ofMaxSize(30);
    }
}
