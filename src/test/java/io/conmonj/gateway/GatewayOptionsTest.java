package io.conmonj.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;
import org.junit.jupiter.api.Test;


import picocli.CommandLine;

/** conmonj gateway's options: defaults, Quarkus configuration below the command line, conversions, checks. */
class GatewayOptionsTest {
    /** A configuration holding just these properties. */
    private static Config config(Map<String, String> values) {
        return new Config() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> Optional<T> getOptionalValue(String name, Class<T> type) {
                return Optional.ofNullable((T) values.get(name));
            }

            @Override
            public <T> T getValue(String name, Class<T> type) {
                return getOptionalValue(name, type).orElseThrow();
            }

            @Override
            public ConfigValue getConfigValue(String name) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Iterable<String> getPropertyNames() {
                return values.keySet();
            }

            @Override
            public Iterable<ConfigSource> getConfigSources() {
                return Set.of();
            }

            @Override
            public <T> Optional<Converter<T>> getConverter(Class<T> type) {
                return Optional.empty();
            }

            @Override
            public <T> T unwrap(Class<T> type) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static GatewayOptions parse(Map<String, String> config, String... args) {
        GatewayOptions options = new GatewayOptions();
        CommandLine cl = new CommandLine(options).setDefaultValueProvider(new GatewayOptions.ConfigDefaults(config(config)));
        cl.parseArgs(args);
        options.validate(cl);
        return options;
    }

    @Test
    void defaultsListenOnLoopback() {
        GatewayOptions o = parse(Map.of());
        assertEquals(new ListenAddress("127.0.0.1", 9478), o.listen);
        assertEquals(Path.of("/run/conmonj"), o.socketDir);
        assertEquals(Duration.ofSeconds(2), o.targetTimeout);
        assertEquals(16, o.maxConcurrent);
    }

    @Test
    void quarkusConfigurationSetsWhatTheCommandLineDoesNot() {
        GatewayOptions o = parse(Map.of("conmonj.gateway.socket-dir", "/srv/sockets", "conmonj.gateway.listen", "0.0.0.0:9100",
                "conmonj.gateway.target-timeout", "750ms"), "--listen", "[::1]:9200");
        assertEquals(Path.of("/srv/sockets"), o.socketDir);
        assertEquals(new ListenAddress("::1", 9200), o.listen, "the command line wins");
        assertEquals(Duration.ofMillis(750), o.targetTimeout);
    }

    @Test
    void durationsAndAddresses() {
        assertEquals(Duration.ofMillis(1500), GatewayOptions.parseDuration("1.5"));
        assertEquals(Duration.ofMinutes(2), GatewayOptions.parseDuration("2m"));
        assertThrows(CommandLine.TypeConversionException.class, () -> GatewayOptions.parseDuration("soon"));
        assertThrows(CommandLine.TypeConversionException.class, () -> ListenAddress.parse("::1:80"));
        assertThrows(CommandLine.TypeConversionException.class, () -> ListenAddress.parse("localhost:99999"));
        assertThrows(CommandLine.TypeConversionException.class, () -> ListenAddress.parse("9478"));
    }

    @Test
    void badCombinationsAreRefused() {
        assertThrows(CommandLine.ParameterException.class, () -> parse(Map.of(), "--tls-cert", "/etc/hostname"));
        assertThrows(CommandLine.ParameterException.class, () -> parse(Map.of(), "--max-concurrent", "0"));
        assertThrows(CommandLine.ParameterException.class, () -> parse(Map.of(), "--deny-family", "(unclosed"));
        assertThrows(CommandLine.ParameterException.class, () -> parse(Map.of(), "--no-such-option"));
    }
}
