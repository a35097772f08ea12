package io.conmonj.gateway.merge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One target's metrics in Prometheus's text format 0.0.4, parsed strictly: any line that is not a
 * comment, a HELP or TYPE line or a well-formed sample makes the whole text garbage (the target is then
 * dropped from the scrape rather than half-merged). Values and timestamps are kept as written.
 */
public final class Exposition {
    /** A label pair; the value unescaped. */
    public record Label(String name, String value) {
    }

    /** One sample line: its metric name (with a histogram's or summary's suffix), labels, value, timestamp or null. */
    public record Sample(String name, List<Label> labels, String value, String timestamp) {
        public String label(String labelName) {
            for (Label l : labels) {
                if (l.name().equals(labelName)) {
                    return l.value();
                }
            }
            return null;
        }
    }

    /** A metric family: its name, HELP text (unescaped, null if none), TYPE ("untyped" if none) and samples. */
    public static final class Family {
        private final String name;
        private String help;
        private String type;
        private final List<Sample> samples = new ArrayList<>();

        Family(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }

        public String help() {
            return help;
        }

        public String type() {
            return type == null ? "untyped" : type;
        }

        public List<Sample> samples() {
            return samples;
        }
    }

    /** The text is not valid exposition format. */
    public static final class ParseException extends Exception {
        public ParseException(int line, String message) {
            super("line " + line + ": " + message);
        }
    }

    private static final List<String> TYPES = List.of("counter", "gauge", "histogram", "summary", "untyped");

    private final Map<String, Family> families;

    private Exposition(Map<String, Family> families) {
        this.families = families;
    }

    /** The families in the order they first appear. */
    public Iterable<Family> families() {
        return families.values();
    }

    public Family family(String name) {
        return families.get(name);
    }

    /** The value of the first sample named name whose labels include no other constraint, or null. */
    public String firstValue(String name) {
        Family f = families.get(name);
        return f == null || f.samples.isEmpty() ? null : f.samples.get(0).value();
    }

    public static Exposition parse(String text) throws ParseException {
        Map<String, Family> families = new LinkedHashMap<>();
        Family current = null;
        int number = 0;
        int start = 0;
        int length = text.length();
        while (start < length) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = length;
            }
            String line = text.substring(start, end);
            start = end + 1;
            number++;
            if (line.isBlank()) {
                continue;
            }
            if (line.charAt(0) == '#') {
                current = comment(line, number, families, current);
                continue;
            }
            Sample sample = sample(line, number);
            Family family = current != null && belongs(current, sample.name()) ? current : null;
            if (family == null) {
                family = families.get(sample.name());
                if (family == null) {
                    family = new Family(sample.name());
                    families.put(family.name, family);
                }
            }
            family.samples.add(sample);
        }
        return new Exposition(families);
    }

    /** HELP and TYPE lines start or continue a family; other comments are ignored. */
    private static Family comment(String line, int number, Map<String, Family> families, Family current)
            throws ParseException {
        String[] parts = line.substring(1).stripLeading().split("[ \t]+", 3);
        if (parts.length < 2 || !(parts[0].equals("HELP") || parts[0].equals("TYPE"))) {
            return current;
        }
        String name = parts[1];
        if (!isMetricName(name)) {
            throw new ParseException(number, "bad metric name in " + parts[0] + ": " + name);
        }
        Family family = families.get(name);
        if (family == null) {
            family = new Family(name);
            families.put(name, family);
        }
        if (parts[0].equals("HELP")) {
            if (family.help != null) {
                throw new ParseException(number, "second HELP for " + name);
            }
            family.help = parts.length > 2 ? unescapeHelp(parts[2]) : "";
        } else {
            String type = parts.length > 2 ? parts[2].strip() : "";
            if (!TYPES.contains(type)) {
                throw new ParseException(number, "unknown type " + type + " for " + name);
            }
            if (family.type != null || !family.samples.isEmpty()) {
                throw new ParseException(number, "TYPE for " + name + " after its samples or a second time");
            }
            family.type = type;
        }
        return family;
    }

    private static boolean belongs(Family family, String sampleName) {
        String name = family.name;
        if (sampleName.equals(name)) {
            return true;
        }
        if (!sampleName.startsWith(name)) {
            return false;
        }
        String suffix = sampleName.substring(name.length());
        return switch (family.type()) {
            case "histogram" -> suffix.equals("_bucket") || suffix.equals("_sum") || suffix.equals("_count");
            case "summary" -> suffix.equals("_sum") || suffix.equals("_count");
            default -> false;
        };
    }

    private static Sample sample(String line, int number) throws ParseException {
        int i = 0;
        int n = line.length();
        while (i < n && isNameChar(line.charAt(i), i == 0, true)) {
            i++;
        }
        String name = line.substring(0, i);
        if (name.isEmpty()) {
            throw new ParseException(number, "expected a metric name");
        }
        List<Label> labels = new ArrayList<>();
        if (i < n && line.charAt(i) == '{') {
            i++;
            while (true) {
                i = skipSpaces(line, i);
                if (i < n && line.charAt(i) == '}') {
                    i++;
                    break;
                }
                int nameStart = i;
                while (i < n && isNameChar(line.charAt(i), i == nameStart, false)) {
                    i++;
                }
                String labelName = line.substring(nameStart, i);
                if (labelName.isEmpty()) {
                    throw new ParseException(number, "expected a label name");
                }
                i = skipSpaces(line, i);
                if (i + 1 >= n || line.charAt(i) != '=' || line.charAt(skipSpaces(line, i + 1)) != '"') {
                    throw new ParseException(number, "expected =\" after label " + labelName);
                }
                i = skipSpaces(line, i + 1) + 1;
                StringBuilder value = new StringBuilder();
                boolean closed = false;
                while (i < n) {
                    char c = line.charAt(i++);
                    if (c == '"') {
                        closed = true;
                        break;
                    }
                    if (c == '\\') {
                        if (i >= n) {
                            break;
                        }
                        char e = line.charAt(i++);
                        switch (e) {
                            case '\\' -> value.append('\\');
                            case '"' -> value.append('"');
                            case 'n' -> value.append('\n');
                            default -> throw new ParseException(number, "bad escape \\" + e);
                        }
                    } else {
                        value.append(c);
                    }
                }
                if (!closed) {
                    throw new ParseException(number, "unterminated label value");
                }
                for (Label l : labels) {
                    if (l.name().equals(labelName)) {
                        throw new ParseException(number, "label " + labelName + " twice");
                    }
                }
                labels.add(new Label(labelName, value.toString()));
                i = skipSpaces(line, i);
                if (i < n && line.charAt(i) == ',') {
                    i++;
                } else if (i < n && line.charAt(i) == '}') {
                    i++;
                    break;
                } else {
                    throw new ParseException(number, "expected , or } in labels");
                }
            }
        }
        if (i >= n || (line.charAt(i) != ' ' && line.charAt(i) != '\t')) {
            throw new ParseException(number, "expected a value after " + name);
        }
        i = skipSpaces(line, i);
        int valueEnd = tokenEnd(line, i);
        String value = line.substring(i, valueEnd);
        if (!isValue(value)) {
            throw new ParseException(number, "bad value for " + name);
        }
        i = skipSpaces(line, valueEnd);
        String timestamp = null;
        if (i < n) {
            int timestampEnd = tokenEnd(line, i);
            timestamp = line.substring(i, timestampEnd);
            try {
                Long.parseLong(timestamp);
            } catch (NumberFormatException e) {
                throw new ParseException(number, "bad timestamp for " + name);
            }
            if (skipSpaces(line, timestampEnd) < n) {
                throw new ParseException(number, "more than a value and a timestamp for " + name);
            }
        }
        return new Sample(name, List.copyOf(labels), value, timestamp);
    }

    private static int tokenEnd(String line, int i) {
        while (i < line.length() && line.charAt(i) != ' ' && line.charAt(i) != '\t') {
            i++;
        }
        return i;
    }

    private static int skipSpaces(String line, int i) {
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static boolean isValue(String s) {
        if (isPlainDecimal(s)) {
            return true;
        }
        switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity" -> {
                return true;
            }
            default -> {
                // Go's ParseFloat: no hex floats or Java's type suffixes here
                if (s.isEmpty() || s.endsWith("d") || s.endsWith("D") || s.endsWith("f") || s.endsWith("F")
                        || s.contains("x") || s.contains("X")) {
                    return false;
                }
                try {
                    Double.parseDouble(s);
                    return true;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
    }

    /** digits with an optional sign, point and exponent: what the monitors write (1.0, 3893.0, 1.796E9) */
    private static boolean isPlainDecimal(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            i++;
        }
        int digits = 0;
        while (i < n && isAsciiDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isAsciiDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
                i++;
            }
            int exponent = 0;
            while (i < n && isAsciiDigit(s.charAt(i))) {
                i++;
                exponent++;
            }
            if (exponent == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNameChar(char c, boolean first, boolean colonAllowed) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colonAllowed && c == ':')
                || (!first && c >= '0' && c <= '9');
    }

    public static boolean isMetricName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isNameChar(name.charAt(i), i == 0, true)) {
                return false;
            }
        }
        return true;
    }

    private static String unescapeHelp(String text) {
        if (text.indexOf('\\') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char e = text.charAt(++i);
                out.append(e == 'n' ? '\n' : e == '\\' ? '\\' : e);
                if (e != 'n' && e != '\\') {
                    out.insert(out.length() - 1, '\\');
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** HELP text escaped for output. */
    public static String escapeHelp(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n");
    }

    /** A label value escaped for output. */
    public static String escapeLabel(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
