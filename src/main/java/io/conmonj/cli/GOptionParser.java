package io.conmonj.cli;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Parses argv into {@link ConmonOptions} exactly as GLib's g_option_context_parse does for conmon
 * (src/cli.c initialize_cli), one element at a time from the left, so the first problem found is the
 * one reported:
 * <ul>
 * <li>{@code --name value} and {@code --name=value}, exact names only; the value is the next element
 * even when it starts with '-'; a flag given {@code --flag=x} is set, the value ignored;</li>
 * <li>short options cluster ({@code -ti}); each one taking a value takes the next element, and a
 * second one in the same cluster is an error ({@code Error parsing option -u});</li>
 * <li>{@code --help}, {@code --help-all}, {@code -h} and {@code -?} stop parsing where they stand
 * (what came before them may still have failed);</li>
 * <li>other elements are positional and ignored (podman's stray "1" after --api-version);
 * {@code --} ends the options;</li>
 * <li>strings: the last one wins; arrays accumulate; integers as strtol with base 0.</li>
 * </ul>
 * It reads the caller's bytes (see {@link GlibText}): a string value must be text in the locale's
 * charset, and a message quotes the bytes as they were.
 */
public final class GOptionParser {
    /** The outcome: the filled options, or a request for help. */
    public record Result(ConmonOptions options, boolean helpRequested) {
    }

    private final List<String> argv;
    private final ConmonOptions options = new ConmonOptions();
    private int index;

    private GOptionParser(List<String> argv) {
        this.argv = argv;
    }

    /** Parses text (tests, callers that have no bytes): as the UTF-8 bytes it would be on a command line. */
    public static Result parse(List<String> argv) throws OptionParsingException {
        return parseBytes(argv.stream().map(a -> a.getBytes(StandardCharsets.UTF_8)).toList());
    }

    /** Parses the caller's bytes; string values become text in the locale's charset, as GLib converts them. */
    public static Result parseBytes(List<byte[]> argv) throws OptionParsingException {
        return new GOptionParser(argv.stream().map(GlibText::raw).toList()).run();
    }

    private Result run() throws OptionParsingException {
        for (index = 0; index < argv.size(); index++) {
            String arg = argv.get(index);
            if (arg.equals("--")) {
                break;
            }
            boolean help;
            if (arg.startsWith("--")) {
                help = longOption(arg);
            } else if (arg.startsWith("-") && arg.length() > 1) {
                help = shortCluster(arg);
            } else {
                continue; // positional: conmon has no G_OPTION_REMAINING entry, GLib leaves it alone
            }
            if (help) {
                return new Result(options, true);
            }
        }
        return new Result(options, false);
    }

    /** One {@code --name[=value]} element; true when it asks for help. */
    private boolean longOption(String arg) throws OptionParsingException {
        String body = arg.substring(2);
        if (body.equals("help") || body.equals("help-all")) {
            return true;
        }
        int eq = body.indexOf('=');
        String name = eq < 0 ? body : body.substring(0, eq);
        ConmonOption entry = ConmonOption.byLongName(name);
        if (entry == null) {
            throw new OptionParsingException("Unknown option " + arg);
        }
        String shownName = "--" + name;
        if (entry.isFlag()) {
            options.set(entry, true);
        } else if (eq >= 0) {
            assign(entry, body.substring(eq + 1), shownName);
        } else if (index + 1 < argv.size()) {
            assign(entry, argv.get(++index), shownName);
        } else {
            throw new OptionParsingException("Missing argument for " + shownName);
        }
        return false;
    }

    /** One {@code -abc} element, its letters in order; true when one of them asks for help. */
    private boolean shortCluster(String arg) throws OptionParsingException {
        int valueIndex = index;
        for (int c = 1; c < arg.length(); c++) {
            char letter = arg.charAt(c);
            if (letter == 'h' || letter == '?') {
                return true;
            }
            ConmonOption entry = ConmonOption.byShortName(letter);
            if (entry == null) {
                throw new OptionParsingException("Unknown option " + arg);
            }
            String shownName = "-" + letter;
            if (entry.isFlag()) {
                options.set(entry, true);
            } else if (valueIndex > index) {
                throw new OptionParsingException("Error parsing option " + shownName);
            } else if (index + 1 < argv.size()) {
                valueIndex = index + 1;
                assign(entry, argv.get(valueIndex), shownName);
            } else {
                throw new OptionParsingException("Missing argument for " + shownName);
            }
        }
        index = valueIndex;
        return false;
    }

    private void assign(ConmonOption option, String value, String shownName) throws OptionParsingException {
        switch (option.kind()) {
            case INT -> options.set(option, GlibInteger.parseInt(value, shownName));
            case INT64 -> options.set(option, GlibInteger.parseLong(value, shownName));
            default -> options.set(option, GlibText.fromLocale(value));
        }
    }
}
