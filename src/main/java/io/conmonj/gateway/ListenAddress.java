package io.conmonj.gateway;

import picocli.CommandLine;

/** Where the gateway listens: a host (name, IPv4 or bracketed IPv6) and a port. */
public record ListenAddress(String host, int port) {
    public static ListenAddress parse(String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new CommandLine.TypeConversionException("expected HOST:PORT, got \"" + value + "\"");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new CommandLine.TypeConversionException("an IPv6 address goes in brackets: [" + host + "]:PORT");
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535 || host.isEmpty()) {
            throw new CommandLine.TypeConversionException("expected HOST:PORT with a port 0-65535, got \"" + value + "\"");
        }
        return new ListenAddress(host, port);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
