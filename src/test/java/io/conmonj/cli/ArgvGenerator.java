package io.conmonj.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Random conmon command lines for differential and property tests: a valid invocation as podman or
 * CRI-O writes it, with one or two things changed — an option or its value removed, a value swapped
 * for an empty, malformed or out-of-range one, paths that do not exist or are directories, unknown
 * options, clusters, {@code --}, stray positionals, help and version, text that is not ASCII.
 * {@value #CASE_DIR} stands for the directory a case runs in. Only options conmon 2.1.6 knows are
 * used (it is the oracle), so the 2.2 options and conmonj's own are left out.
 */
public final class ArgvGenerator {
    /** Placeholder for the case's working directory (absolute). */
    public static final String CASE_DIR = "@D@";

    /** conmon 2.2 options and conmonj's own: conmon 2.1.6 rejects them, so they cannot be compared. */
    public static final Set<String> NOT_IN_ORACLE = Set.of("--log-rotate", "--log-max-files", "--log-allowlist-dir",
            "--log-label", "--no-container-partial-message", "--http-socket", "--http-socket-mode");

    private static final String D = CASE_DIR;
    private static final List<List<String>> BASES = List.of(
            // podman create
            List.of("--api-version", "1", "-c", "0123456789abcdef0123", "-u", "0123456789abcdef0123", "-r", "/bin/false",
                    "-b", D + "/bundle", "-p", D + "/bundle/pidfile", "-n", "web", "--exit-dir", D + "/exits",
                    "--persist-dir", D + "/persist", "--full-attach", "-l", "k8s-file:" + D + "/ctr.log",
                    "--log-level", "debug", "--conmon-pidfile", D + "/conmon.pid", "--exit-command", "/bin/true",
                    "--exit-command-arg", "--root", "--exit-command-arg", "/run/x", "--runtime-arg", "--log-format=json",
                    "--runtime-arg", "--log", "--runtime-arg=" + D + "/oci-log", "--timeout=30"),
            // CRI-O create
            List.of("-b", D + "/bundle", "-c", "f00dbabef00dbabef00dbabef00dbabe", "--exit-dir", D + "/exits", "-l",
                    D + "/ctr.log", "--log-level", "info", "-n", "k8s_pod", "-P", D + "/conmon.pid", "-p",
                    D + "/bundle/pidfile", "--persist-dir", D + "/persist", "-r", "/bin/false", "--runtime-arg",
                    "--root=/run/runc", "--socket-dir-path", D + "/sock", "--syslog", "-u", "f00dbabe", "-s",
                    "--log-size-max", "1048576", "--log-global-size-max", "0x100000", "--no-pivot"),
            // podman exec
            List.of("--api-version", "1", "-c", "0123456789abcdef0123", "-u", "exec-session", "-r", "/bin/false",
                    "-p", D + "/exec.pid", "-n", "web", "--exit-dir", D + "/exits", "--full-attach", "-l", "none",
                    "--log-level", "warning", "-e", "--exec-process-spec", D + "/spec.json", "-b", D + "/bundle",
                    "--runtime-opt", "--preserve-fds", "--runtime-opt", "0", "-T", "0", "-i", "--leave-stdin-open"),
            // CRI-O exec-sync (legacy: no --cuuid)
            List.of("-c", "f00dbabef00dbabef00dbabef00dbabe", "-r", "/bin/false", "-p", D + "/exec.pid", "-l",
                    D + "/exec.log", "-e", "--exec-process-spec", D + "/spec.json", "--socket-dir-path", D + "/sock",
                    "--sync", "-T", "10", "--log-level=error"),
            // by hand
            List.of("-c", "x", "-u", "y", "-r", "/bin/false", "-l", "ctr.log", "--full-attach", "-t"));

    private static final List<String> INTS = List.of("0", "5", "-1", "0x10", "010", "08", "", " 5", "5 ", "abc",
            "2147483647", "2147483648", "-2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
            "-9223372036854775809", "0x", "+5", "- 5", "1e3", "0X1f", "\t7", "0x8000000000000000", "--", "-T", "\u00e9");
    private static final List<String> EXIT_DELAYS = List.of("0", "1", "-1", "abc", "", "2147483648", "0x", "08", "-0");
    private static final List<String> RUNTIMES = List.of("/bin/false", "/bin", "", D + "/file", D + "/missing",
            D + "/file/x", "/bin/false/", "file", ".", "missing");
    private static final List<String> LOG_PATHS = List.of("k8s-file:" + D + "/ctr.log", D + "/ctr.log", "ctr.log",
            "journald", "journald:", "none", "none:", "off", "null", "passthrough", "k8s-file", "k8s-file:", ":", "",
            "bogus:x", ":ctr.log", "::a.log", "k8s-file:" + D + "/dir", D + "/dir", D + "/missing/x.log",
            D + "/file/x.log", "k8s-file:" + D + "/a.log:b", "journald:x", "a.log:", "k8s-file::a.log", "dir/");
    private static final List<String> PIDFILES = List.of(D + "/conmon.pid", "conmon.pid", D + "/dir", "",
            D + "/missing/p.pid", D + "/file/p.pid", D + "/dir/", ".", "dir");
    private static final List<String> IDS = List.of("x", "", "0123456789abcdef0123", "abcdefghijkl", "abcdefghijklm",
            "-c", "--", "a b", "--cid", "caf\u00e9", "\u65e5\u672c\u8a9e\u306e\u30b3\u30f3\u30c6\u30ca");
    private static final List<String> LEVELS = List.of("debug", "info", "warn", "warning", "error", "fatal", "panic",
            "trace", "DEBUG", "Info", "bogus", "", "debug ");
    private static final List<String> STRINGS = List.of("x", "", "-c", "--", "--root=/x", "-", "a=b", "tag", "\u00e9t\u00e9");
    private static final List<String> DIRS = List.of(D + "/missing", "", D + "/file", D + "/dir", ".");
    private static final List<String> UNKNOWN = List.of("--foo", "-Z", "--cid-x", "--api", "--help-conmon",
            "--sync=x", "--api-version=1", "--version=x", "--=x", "-", "---", "--help=x", "-0x", "--log-size-max=",
            "--cid=", "--CID", "-C", "--exec=");
    private static final List<String> CLUSTERS = List.of("-ti", "-tis", "-it", "-tc", "-ct", "-cu", "-Th", "-th",
            "-t?", "-eT", "-tZ", "-Tz", "-iT", "-tte", "-cc", "-0s");
    private static final List<String> POSITIONALS = List.of("1", "stray", "-", "--", "--help", "-h", "-?", "--help-all",
            "--version");

    private final Random random;

    public ArgvGenerator(long seed) {
        this.random = new Random(seed);
    }

    /** The next command line: a base with one or two changes. */
    public List<String> next() {
        List<String> argv = new ArrayList<>(BASES.get(random.nextInt(BASES.size())));
        int changes = 1 + random.nextInt(2);
        for (int i = 0; i < changes; i++) {
            mutate(argv);
        }
        return argv;
    }

    private void mutate(List<String> argv) {
        int at = random.nextInt(argv.size() + 1);
        switch (random.nextInt(12)) {
            case 0 -> removeAt(argv, at);
            case 1 -> removeOption(argv);
            case 2 -> insertOption(argv, at);
            case 3 -> replaceValue(argv);
            case 4 -> argv.add(at, pick(UNKNOWN));
            case 5 -> respell(argv);
            case 6 -> insertCluster(argv, at);
            case 7 -> argv.add(at, pick(POSITIONALS));
            case 8 -> {
                if (!argv.isEmpty()) {
                    argv.remove(argv.size() - 1); // a missing argument, or a value without its option
                }
            }
            case 9 -> duplicateOption(argv);
            case 10 -> insertOption(argv, argv.size()); // at the end: later ones win
            default -> replaceValue(argv);
        }
    }

    private void removeAt(List<String> argv, int at) {
        if (at < argv.size()) {
            argv.remove(at);
        }
    }

    private void removeOption(List<String> argv) {
        int at = randomOption(argv, false);
        if (at < 0) {
            return;
        }
        boolean withValue = takesSeparateValue(argv, at);
        argv.remove(at);
        if (withValue) {
            argv.remove(at);
        }
    }

    private void insertOption(List<String> argv, int at) {
        ConmonOption entry = randomEntry();
        String name = randomName(entry);
        if (entry.isFlag()) {
            argv.add(at, name);
        } else if (name.startsWith("--") && random.nextInt(4) == 0) {
            argv.add(at, name + "=" + valueFor(entry));
        } else {
            argv.add(at, name);
            argv.add(at + 1, valueFor(entry));
        }
    }

    private void replaceValue(List<String> argv) {
        int at = randomOption(argv, true);
        if (at < 0) {
            return;
        }
        String arg = argv.get(at);
        int eq = arg.indexOf('=');
        if (arg.startsWith("--") && eq > 0) {
            argv.set(at, arg.substring(0, eq + 1) + valueFor(entryFor(arg)));
        } else if (at + 1 < argv.size()) {
            argv.set(at + 1, valueFor(entryFor(arg)));
        }
    }

    /** --name value becomes --name=value, or the short name, or the other way round. */
    private void respell(List<String> argv) {
        int at = randomOption(argv, false);
        if (at < 0) {
            return;
        }
        String arg = argv.get(at);
        ConmonOption entry = entryFor(arg);
        int eq = arg.indexOf('=');
        if (arg.startsWith("--") && eq > 0) {
            argv.set(at, arg.substring(0, eq));
            argv.add(at + 1, arg.substring(eq + 1));
        } else if (!entry.isFlag() && arg.startsWith("--") && at + 1 < argv.size()) {
            argv.set(at, arg + "=" + argv.remove(at + 1));
        } else {
            argv.set(at, randomName(entry));
        }
    }

    private void insertCluster(List<String> argv, int at) {
        String cluster = pick(CLUSTERS);
        argv.add(at, cluster);
        if (random.nextBoolean()) {
            argv.add(at + 1, pick(STRINGS));
        }
    }

    private void duplicateOption(List<String> argv) {
        int at = randomOption(argv, false);
        if (at < 0) {
            return;
        }
        ConmonOption entry = entryFor(argv.get(at));
        String name = randomName(entry);
        argv.add(name);
        if (!entry.isFlag()) {
            argv.add(valueFor(entry));
        }
    }

    private String valueFor(ConmonOption entry) {
        String name = entry.firstLong();
        if (name.equals("--exit-delay")) {
            return pick(EXIT_DELAYS);
        }
        if (entry.kind() == ConmonOption.Kind.INT || entry.kind() == ConmonOption.Kind.INT64) {
            return pick(INTS);
        }
        return switch (name) {
            case "--runtime" -> pick(RUNTIMES);
            case "--log-path" -> pick(LOG_PATHS);
            case "--conmon-pidfile", "--container-pidfile", "--pidfile" -> pick(PIDFILES);
            case "--cid", "--cuuid" -> pick(IDS);
            case "--log-level" -> pick(LEVELS);
            case "--bundle" -> directory("bundle");
            case "--persist-dir" -> directory("persist");
            case "--exit-dir" -> directory("exits");
            case "--socket-dir-path" -> directory("sock");
            case "--exec-process-spec" -> pick(List.of(D + "/spec.json", "", D + "/missing"));
            case "--exit-command" -> pick(List.of("/bin/true", D + "/missing", ""));
            case "--sdnotify-socket" -> D + "/notify.sock";
            default -> pick(STRINGS);
        };
    }

    /** The case directory's own one (made by the fixture) half the time, else a missing, empty or odd one. */
    private String directory(String own) {
        return random.nextBoolean() ? D + "/" + own : pick(DIRS);
    }

    /** The index of a random element naming a known option (one taking a value, if asked), or -1. */
    private int randomOption(List<String> argv, boolean takingValue) {
        List<Integer> options = optionIndexes(argv);
        if (takingValue) {
            options.removeIf(i -> entryFor(argv.get(i)).isFlag());
        }
        return options.isEmpty() ? -1 : options.get(random.nextInt(options.size()));
    }

    /** Indexes of the elements that name a known option as a whole (not values, not clusters). */
    private static List<Integer> optionIndexes(List<String> argv) {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < argv.size(); i++) {
            if (entryFor(argv.get(i)) != null) {
                indexes.add(i);
                if (takesSeparateValue(argv, i)) {
                    i++;
                }
            }
        }
        return indexes;
    }

    /** Whether the option at index at has its value in the next element. */
    private static boolean takesSeparateValue(List<String> argv, int at) {
        String arg = argv.get(at);
        return !entryFor(arg).isFlag() && !(arg.startsWith("--") && arg.contains("=")) && at + 1 < argv.size();
    }

    private static ConmonOption entryFor(String arg) {
        if (arg.startsWith("--")) {
            int eq = arg.indexOf('=');
            return ConmonOption.byLongName(eq < 0 ? arg.substring(2) : arg.substring(2, eq));
        }
        return arg.length() == 2 && arg.startsWith("-") ? ConmonOption.byShortName(arg.charAt(1)) : null;
    }

    private ConmonOption randomEntry() {
        while (true) {
            ConmonOption entry = ConmonOption.values()[random.nextInt(ConmonOption.values().length)];
            if (entry.names().stream().noneMatch(NOT_IN_ORACLE::contains)) {
                return entry;
            }
        }
    }

    private String randomName(ConmonOption entry) {
        return entry.names().get(random.nextInt(entry.names().size()));
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
