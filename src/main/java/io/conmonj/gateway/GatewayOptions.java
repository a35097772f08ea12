package io.conmonj.gateway;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.eclipse.microprofile.config.Config;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code conmonj gateway} options. Every option can also be set through Quarkus's configuration: the
 * property {@code conmonj.gateway.<option>} (e.g. {@code conmonj.gateway.socket-dir}), so the environment
 * variable {@code CONMONJ_GATEWAY_SOCKET_DIR}; the command line wins.
 */
@Command(name = "conmonj gateway", mixinStandardHelpOptions = false, sortOptions = false,
        description = "Serves the metrics of every conmonj monitor on this node (their sockets in --socket-dir), merged, "
                + "over HTTP: /metrics, /containers, /livez, /readyz.")
public final class GatewayOptions {
    public static final String DEFAULT_LISTEN = "127.0.0.1:9478";

    @Option(names = "--socket-dir", paramLabel = "DIR", defaultValue = "/run/conmonj",
            description = "Directory of the monitors' sockets (CONMONJ_HTTP_SOCKET_DIR of the monitors). Default: ${DEFAULT-VALUE}")
    Path socketDir;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = DEFAULT_LISTEN, converter = ListenConverter.class,
            description = "Address to serve HTTP on. Default: ${DEFAULT-VALUE} (loopback)")
    ListenAddress listen;

    @Option(names = "--target-timeout", paramLabel = "DURATION", defaultValue = "2s", converter = DurationConverter.class,
            description = "Longest wait for one monitor within a scrape. Default: ${DEFAULT-VALUE}")
    Duration targetTimeout;

    @Option(names = "--max-concurrent", paramLabel = "N", defaultValue = "16",
            description = "Monitors asked at once. Default: ${DEFAULT-VALUE}")
    int maxConcurrent;

    @Option(names = "--scrape-budget", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "Longest whole scrape: used without Prometheus's X-Prometheus-Scrape-Timeout-Seconds, and the "
                    + "most it gets with it. Default: ${DEFAULT-VALUE}")
    Duration scrapeBudget;

    @Option(names = "--scrape-margin", paramLabel = "DURATION", defaultValue = "500ms", converter = DurationConverter.class,
            description = "Kept from Prometheus's scrape timeout for merging and sending. Default: ${DEFAULT-VALUE}")
    Duration scrapeMargin;

    @Option(names = "--rescan-interval", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "Full rescan of the socket directory besides its watch. Default: ${DEFAULT-VALUE}")
    Duration rescanInterval;

    @Option(names = "--exited-grace", paramLabel = "DURATION", defaultValue = "15s", converter = DurationConverter.class,
            description = "How long an exited container (or a socket nobody listens on) is still shown. Default: ${DEFAULT-VALUE}")
    Duration exitedGrace;

    @Option(names = "--max-body-bytes", paramLabel = "BYTES", defaultValue = "4194304",
            description = "Largest answer accepted from one monitor. Default: ${DEFAULT-VALUE}")
    int maxBodyBytes;

    @Option(names = "--allow-family", paramLabel = "REGEX",
            description = "Pass only the monitors' metric families whose whole name matches (repeatable)")
    List<String> allowFamilies = new ArrayList<>();

    @Option(names = "--deny-family", paramLabel = "REGEX",
            description = "Leave out the monitors' metric families whose whole name matches (repeatable)")
    List<String> denyFamilies = new ArrayList<>();

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate (chain): serve HTTPS")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM private key of --tls-cert")
    Path tlsKey;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit")
    boolean help;

    /** Checks what picocli cannot: value ranges, pairs of options, readable files, valid patterns. */
    void validate(CommandLine commandLine) {
        List<String> problems = new ArrayList<>();
        if (maxConcurrent < 1) {
            problems.add("--max-concurrent must be at least 1");
        }
        if (maxBodyBytes < 1024) {
            problems.add("--max-body-bytes must be at least 1024");
        }
        for (Duration d : List.of(targetTimeout, scrapeBudget, rescanInterval)) {
            if (d.isZero() || d.isNegative()) {
                problems.add("durations must be positive: " + d);
            }
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            problems.add("--tls-cert and --tls-key go together");
        }
        for (Path p : new Path[] {tlsCert, tlsKey}) {
            if (p != null && !Files.isReadable(p)) {
                problems.add("cannot read " + p);
            }
        }
        List<String> patterns = new ArrayList<>(allowFamilies);
        patterns.addAll(denyFamilies);
        for (String p : patterns) {
            try {
                Pattern.compile(p);
            } catch (PatternSyntaxException e) {
                problems.add("bad family pattern " + p + ": " + e.getDescription());
            }
        }
        if (!problems.isEmpty()) {
            throw new CommandLine.ParameterException(commandLine, String.join("; ", problems));
        }
    }

    /** Values from Quarkus's configuration ({@code conmonj.gateway.<option>}) for options not on the command line. */
    static final class ConfigDefaults implements CommandLine.IDefaultValueProvider {
        private final Config config;

        ConfigDefaults(Config config) {
            this.config = config;
        }

        @Override
        public String defaultValue(CommandLine.Model.ArgSpec argument) {
            if (!(argument instanceof CommandLine.Model.OptionSpec option)) {
                return null;
            }
            String key = "conmonj.gateway." + option.longestName().replaceFirst("^--", "");
            return config.getOptionalValue(key, String.class).orElse(option.defaultValue());
        }
    }

    /** "HOST:PORT" or "[V6]:PORT". */
    static final class ListenConverter implements CommandLine.ITypeConverter<ListenAddress> {
        @Override
        public ListenAddress convert(String value) {
            return ListenAddress.parse(value);
        }
    }

    /** "2s", "500ms", "1m", or plain seconds ("1.5"). */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return parseDuration(value);
        }
    }

    static Duration parseDuration(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        double factor;
        String number;
        if (v.endsWith("ms")) {
            factor = 1e6;
            number = v.substring(0, v.length() - 2);
        } else if (v.endsWith("s")) {
            factor = 1e9;
            number = v.substring(0, v.length() - 1);
        } else if (v.endsWith("m")) {
            factor = 60e9;
            number = v.substring(0, v.length() - 1);
        } else {
            factor = 1e9;
            number = v;
        }
        try {
            double amount = Double.parseDouble(number);
            if (amount < 0 || Double.isNaN(amount) || Double.isInfinite(amount) || number.matches(".*[a-z].*")) {
                throw new NumberFormatException();
            }
            return Duration.ofNanos((long) (amount * factor));
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("not a duration: " + value + " (e.g. 2s, 500ms, 1m)");
        }
    }
}
