package io.conmonj.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.conmonj.cli.ArgvGenerator;
import io.conmonj.testing.CommandLineRun;

/**
 * What a run shows the caller, made comparable between conmonj and conmon 2.1.6. Only what may
 * legitimately differ is normalized: the run's directory, GLib's random temp-file names, the version
 * numbers, the 2.2 options in --help; and, on conmon's side, the two ways 2.1.6 differs from the 2.2.1
 * behaviour conmonj follows: option-parsing failures on stdout instead of stderr, and {@code [conmon:e] x}
 * instead of {@code [conmon:e]: x}.
 */
record OracleComparison(int exitStatus, String stdout, String stderr, List<String> files) {
    private static final String OPTION_PARSING = "conmon: option parsing failed: ";
    private static final Pattern GLIB_TEMP = Pattern.compile("(\u201c[^\u201d]*\\.)[A-Za-z0-9]{6}\u201d");
    private static final Pattern VERSION = Pattern.compile(
            "conmon version \\S+\ncommit: [^\n]*\n(conmonj version [^\n]*\n)?");
    private static final Pattern HELP_OPTION = Pattern.compile("  (-\\S, )?(--\\S+) +(.*)");

    static OracleComparison ofConmon(CommandLineRun run, Path dir) throws IOException {
        String stdout = run.stdout();
        String stderr = run.stderr();
        if (stdout.startsWith(OPTION_PARSING)) {
            stderr = stdout + stderr;
            stdout = "";
        }
        stderr = stderr.replace("[conmon:e] ", "[conmon:e]: ");
        return of(run.exitStatus(), stdout, stderr, dir);
    }

    static OracleComparison ofConmonj(CommandLineRun run, Path dir) throws IOException {
        return of(run.exitStatus(), run.stdout(), run.stderr(), dir);
    }

    private static OracleComparison of(int status, String stdout, String stderr, Path dir) throws IOException {
        return new OracleComparison(status, normalize(stdout, dir), normalize(stderr, dir), createdFiles(dir));
    }

    private static String normalize(String text, Path dir) {
        String s = text.replace(dir.toString(), ArgvGenerator.CASE_DIR);
        s = GLIB_TEMP.matcher(s).replaceAll("$1XXXXXX\u201d");
        if (VERSION.matcher(s).matches()) {
            return "conmon version <version>\ncommit: <commit>\n";
        }
        return s.startsWith("Usage:\n") ? helpOptions(s) : s;
    }

    /** --help as its options and their descriptions, without the ones conmon 2.1.6 does not have. */
    private static String helpOptions(String help) {
        StringBuilder out = new StringBuilder();
        for (String line : help.split("\n")) {
            Matcher m = HELP_OPTION.matcher(line);
            if (!m.matches()) {
                out.append(line).append('\n');
            } else if (!ArgvGenerator.NOT_IN_ORACLE.contains(m.group(2))) {
                out.append(m.group(1) == null ? "" : m.group(1)).append(m.group(2)).append('\t').append(m.group(3))
                        .append('\n');
            }
        }
        return out.toString();
    }

    /** The log and pid files the run left in its directory. */
    private static List<String> createdFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir, 2)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString())
                    .filter(name -> name.endsWith(".log") || name.endsWith(".pid"))
                    .sorted()
                    .toList();
        }
    }
}
