package io.conmonj.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** conmon's --help, laid out as GLib prints it, from the option table. Hidden aliases are not listed. */
public final class HelpText {
    private HelpText() {
    }

    public static String render() {
        CommandSpec spec = new GOptionParser(new ConmonOptions()).spec();
        StringBuilder out = new StringBuilder();
        out.append("Usage:\n  conmon [OPTION\u2026] - conmon utility\n\n");
        int width = "-h, --help".length();
        for (OptionSpec option : spec.options()) {
            width = Math.max(width, label(option).length());
        }
        width += 4;
        out.append("Help Options:\n");
        line(out, "-h, --help", "Show help options", width);
        out.append("\nApplication Options:\n");
        for (OptionSpec option : spec.options()) {
            line(out, label(option), option.description()[0], width);
        }
        out.append('\n');
        return out.toString();
    }

    private static void line(StringBuilder out, String label, String description, int width) {
        out.append("  ").append(label);
        out.append(" ".repeat(width - label.length())).append(description).append('\n');
    }

    /** "-c, --cid" or "--sync": the first short name and the first long name. */
    private static String label(OptionSpec option) {
        String shortName = null;
        String longName = null;
        for (String name : option.names()) {
            if (name.startsWith("--")) {
                longName = longName == null ? name : longName;
            } else {
                shortName = shortName == null ? name : shortName;
            }
        }
        return shortName == null ? longName : shortName + ", " + longName;
    }
}
