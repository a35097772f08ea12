package io.conmonj.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses argv into {@link ConmonOptions} exactly as GLib's GOptionContext does for conmon (spec §2.1):
 * no abbreviations; the next argv element is an option's value even when it starts with '-';
 * {@code --opt=value}; short options take their value from the next element only, flags cluster;
 * positional arguments are ignored (podman's stray "1" after --api-version); {@code --} ends options;
 * strings: last wins; arrays accumulate; integers in base 0.
 */
public final class GOptionParser {
    private static final Map<String, OptionTable.Entry> LONG_NAMES = new HashMap<>();
    private static final Map<Character, OptionTable.Entry> SHORT_NAMES = new HashMap<>();

    static {
        for (OptionTable.Entry entry : OptionTable.ENTRIES) {
            for (String name : entry.names()) {
                if (name.startsWith("--")) {
                    LONG_NAMES.put(name.substring(2), entry);
                } else {
                    SHORT_NAMES.put(name.charAt(1), entry);
                }
            }
        }
    }

    /** The outcome: the filled options, or a request for help. */
    public record Result(ConmonOptions options, boolean helpRequested) {
    }

    private GOptionParser() {
    }

    public static Result parse(List<String> argv) throws OptionParsingException {
        ConmonOptions options = new ConmonOptions();
        boolean help = false;
        for (int i = 0; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (arg.equals("--")) {
                break;
            }
            if (arg.startsWith("--")) {
                String body = arg.substring(2);
                int eq = body.indexOf('=');
                String name = eq < 0 ? body : body.substring(0, eq);
                if (eq < 0 && isHelp(name)) {
                    help = true;
                    continue;
                }
                OptionTable.Entry entry = LONG_NAMES.get(name);
                // spec §2.1: a flag takes no value ("--sync=x" is unknown); §20: --api-version=1 is harmless
                if (entry == null || (eq >= 0 && entry.isFlag() && !name.equals("api-version"))) {
                    throw new OptionParsingException("Unknown option " + arg);
                }
                if (entry.isFlag()) {
                    set(options, entry, true);
                } else if (eq >= 0) {
                    assign(options, entry, body.substring(eq + 1), "--" + name);
                } else if (i + 1 < argv.size()) {
                    assign(options, entry, argv.get(++i), "--" + name);
                } else {
                    throw new OptionParsingException("Missing argument for --" + name);
                }
            } else if (arg.startsWith("-") && arg.length() > 1) {
                for (int c = 1; c < arg.length(); c++) {
                    char ch = arg.charAt(c);
                    if (!isShortHelp(ch) && !SHORT_NAMES.containsKey(ch)) {
                        throw new OptionParsingException("Unknown option " + arg);
                    }
                }
                for (int c = 1; c < arg.length(); c++) {
                    char ch = arg.charAt(c);
                    if (isShortHelp(ch)) {
                        help = true;
                        continue;
                    }
                    OptionTable.Entry entry = SHORT_NAMES.get(ch);
                    if (entry.isFlag()) {
                        set(options, entry, true);
                    } else if (i + 1 < argv.size()) {
                        assign(options, entry, argv.get(++i), "-" + ch);
                    } else {
                        throw new OptionParsingException("Missing argument for -" + ch);
                    }
                }
            }
            // anything else is a positional argument, which conmon ignores
        }
        return new Result(options, help);
    }

    private static boolean isHelp(String name) {
        return name.equals("help") || name.equals("help-all") || name.equals("help-conmon");
    }

    private static boolean isShortHelp(char c) {
        return c == 'h' || c == '?';
    }

    private static void assign(ConmonOptions options, OptionTable.Entry entry, String value, String shownName)
            throws OptionParsingException {
        Class<?> type = entry.field().getType();
        if (type == int.class) {
            set(options, entry, GlibInteger.parseInt(value, shownName));
        } else if (type == long.class) {
            set(options, entry, GlibInteger.parseLong(value, shownName));
        } else if (entry.isList()) {
            options.append(entry.field(), value);
        } else {
            set(options, entry, value);
        }
    }

    private static void set(ConmonOptions options, OptionTable.Entry entry, Object value) {
        try {
            entry.field().set(options, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
