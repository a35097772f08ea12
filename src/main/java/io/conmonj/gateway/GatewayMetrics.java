package io.conmonj.gateway;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.conmonj.cli.Version;
import io.conmonj.gateway.merge.Exposition;
import io.conmonj.gateway.scrape.Fetch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;

/**
 * The gateway's own series. Cumulative ones live in a Micrometer registry: scrapes, scrape errors by
 * reason, the whole scrape's duration, the targets found. The per-monitor ones describe the scrape being
 * answered (as Prometheus's own {@code up}), so they are written with it: up and scrape duration per target.
 */
final class GatewayMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<Fetch.Failure, Counter> errors = new EnumMap<>(Fetch.Failure.class);
    private final Counter conflicts;
    private final Counter scrapes;
    private final Timer duration;

    GatewayMetrics(Supplier<Integer> targets) {
        for (Fetch.Failure failure : Fetch.Failure.values()) {
            errors.put(failure, Counter.builder("conmonj.gateway.scrape.errors")
                    .description("Monitors left out of a scrape, by reason").tag("reason", failure.label())
                    .register(registry));
        }
        conflicts = Counter.builder("conmonj.gateway.scrape.errors").description("Monitors left out of a scrape, by reason")
                .tag("reason", "type_conflict").register(registry);
        scrapes = Counter.builder("conmonj.gateway.scrapes").description("Scrapes of /metrics answered").register(registry);
        duration = Timer.builder("conmonj.gateway.scrape.duration").description("Time to scrape and merge all monitors")
                .register(registry);
        Gauge.builder("conmonj.gateway.targets", targets::get).strongReference(true).description("Monitor sockets found in the socket directory")
                .register(registry);
        Gauge.builder("conmonj.gateway.build.info", () -> 1).description("conmonj's version")
                .tags("version", Version.CONMONJ).register(registry);
    }

    void failed(Fetch.Failure failure) {
        errors.get(failure).increment();
    }

    void conflicts(int count) {
        if (count > 0) {
            conflicts.increment(count);
        }
    }

    void scraped(long nanos) {
        scrapes.increment();
        duration.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** This scrape's per-target series, then the registry's. */
    void write(StringBuilder out, List<Fetch> fetches, List<Boolean> included) {
        out.append("# HELP conmonj_gateway_target_up 1 when the monitor's metrics are part of this scrape, 0 when it was left out\n");
        out.append("# TYPE conmonj_gateway_target_up gauge\n");
        for (int i = 0; i < fetches.size(); i++) {
            out.append("conmonj_gateway_target_up{container_id=\"").append(Exposition.escapeLabel(fetches.get(i).target().id()))
                    .append("\"} ").append(included.get(i) ? '1' : '0').append('\n');
        }
        out.append("# HELP conmonj_gateway_target_scrape_duration_seconds How long the monitor took to answer in this scrape\n");
        out.append("# TYPE conmonj_gateway_target_scrape_duration_seconds gauge\n");
        for (Fetch f : fetches) {
            out.append("conmonj_gateway_target_scrape_duration_seconds{container_id=\"")
                    .append(Exposition.escapeLabel(f.target().id())).append("\"} ").append(f.seconds()).append('\n');
        }
        out.append(registry.scrape());
    }
}
