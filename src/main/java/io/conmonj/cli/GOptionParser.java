package io.conmonj.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Parses argv into {@link ConmonOptions} exactly as GLib's GOptionContext does for conmon (spec §2.1):
 * no abbreviations; the next argv element is an option's value even when it starts with '-';
 * {@code --opt=value}; short options take their value from the next element only, flags cluster;
 * positional arguments are ignored (podman's stray "1" after --api-version); {@code --} ends options;
 * strings: last wins; arrays accumulate; integers in base 0.
 */
public final class GOptionParser {
    private final CommandSpec spec;
    private final Map<String, OptionSpec> longNames = new HashMap<>();
    private final Map<Character, OptionSpec> shortNames = new HashMap<>();

    /** The outcome: the filled options, or a request for help. */
    public record Result(ConmonOptions options, boolean helpRequested) {
    }

    public GOptionParser(ConmonOptions target) {
        this.spec = CommandSpec.forAnnotatedObject(target);
        for (OptionSpec option : spec.options()) {
            for (String name : option.names()) {
                if (name.startsWith("--")) {
                    longNames.put(name.substring(2), option);
                } else {
                    shortNames.put(name.charAt(1), option);
                }
            }
        }
    }

    CommandSpec spec() {
        return spec;
    }

    public static Result parse(List<String> argv) throws OptionParsingException {
        ConmonOptions options = new ConmonOptions();
        return new GOptionParser(options).parseInto(options, argv);
    }

    private Result parseInto(ConmonOptions options, List<String> argv) throws OptionParsingException {
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
                OptionSpec option = longNames.get(name);
                if (option == null || (eq >= 0 && isFlag(option) && !name.equals("api-version"))) {
                    throw new OptionParsingException("Unknown option " + arg);
                }
                if (isFlag(option)) {
                    option.setValue(true);
                } else if (eq >= 0) {
                    assign(option, body.substring(eq + 1), "--" + name);
                } else if (i + 1 < argv.size()) {
                    assign(option, argv.get(++i), "--" + name);
                } else {
                    throw new OptionParsingException("Missing argument for --" + name);
                }
            } else if (arg.startsWith("-") && arg.length() > 1) {
                for (int c = 1; c < arg.length(); c++) {
                    char ch = arg.charAt(c);
                    if (ch != 'h' && ch != '?' && !shortNames.containsKey(ch)) {
                        throw new OptionParsingException("Unknown option " + arg);
                    }
                }
                for (int c = 1; c < arg.length(); c++) {
                    char ch = arg.charAt(c);
                    if (ch == 'h' || ch == '?') {
                        help = true;
                        continue;
                    }
                    OptionSpec option = shortNames.get(ch);
                    if (isFlag(option)) {
                        option.setValue(true);
                    } else if (i + 1 < argv.size()) {
                        assign(option, argv.get(++i), "-" + ch);
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

    private static boolean isFlag(OptionSpec option) {
        return option.type() == boolean.class;
    }

    private static void assign(OptionSpec option, String value, String shownName) throws OptionParsingException {
        Class<?> type = option.type();
        if (type == int.class) {
            option.setValue(GlibInteger.parseInt(value, shownName));
        } else if (type == long.class) {
            option.setValue(GlibInteger.parseLong(value, shownName));
        } else if (option.isMultiValue()) {
            List<String> values = option.getValue();
            values.add(value);
        } else {
            option.setValue(value);
        }
    }
}
