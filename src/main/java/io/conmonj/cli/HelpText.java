package io.conmonj.cli;

/** conmon's --help, laid out as GLib prints it, from the option table. Hidden aliases are not listed. */
public final class HelpText {
    private HelpText() {
    }

    public static String render() {
        StringBuilder out = new StringBuilder();
        out.append("Usage:\n  conmon [OPTION\u2026] - conmon utility\n\n");
        int width = "-h, --help".length();
        for (ConmonOption entry : ConmonOption.values()) {
            if (!entry.hidden()) {
                width = Math.max(width, label(entry).length());
            }
        }
        width += 4;
        out.append("Help Options:\n");
        line(out, "-h, --help", "Show help options", width);
        out.append("\nApplication Options:\n");
        for (ConmonOption entry : ConmonOption.values()) {
            if (entry.hidden()) {
                continue; // conmonj's own options: conmon's --help stays exactly conmon's
            }
            line(out, label(entry), entry.description(), width);
        }
        out.append('\n');
        return out.toString();
    }

    private static void line(StringBuilder out, String label, String description, int width) {
        out.append("  ").append(label);
        out.append(" ".repeat(width - label.length())).append(description).append('\n');
    }

    /** "-c, --cid" or "--sync": the first short name and the first long name. */
    private static String label(ConmonOption entry) {
        String shortName = entry.firstShort();
        return shortName == null ? entry.firstLong() : shortName + ", " + entry.firstLong();
    }
}
