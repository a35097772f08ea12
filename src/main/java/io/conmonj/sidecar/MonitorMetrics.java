package io.conmonj.sidecar;

import java.util.function.ToDoubleFunction;

import io.conmonj.cli.Version;
import io.conmonj.io.OutputCounters;
import io.conmonj.stream.StreamType;
import io.conmonj.log.LogCounters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;

/**
 * The container's meters in a Prometheus registry of its own (no JVM or system meters: one scrape
 * describes one container), every one tagged with the container's id and name. The meters read the
 * monitor's counters when scraped; nothing is counted twice.
 */
public final class MonitorMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public MonitorMetrics(ContainerState state, OutputCounters output, LogCounters log) {
        registry.config().commonTags(Tags.of("container_id", state.containerId(),
                "container_name", state.name() == null ? "" : state.name()));
        for (StreamType stream : StreamType.values()) {
            String name = stream.name().toLowerCase(java.util.Locale.ROOT);
            counter("conmonj.log.bytes", "Bytes of container output logged", output, o -> o.bytes(stream), "stream", name);
            counter("conmonj.log.lines", "Lines of container output logged", output, o -> o.lines(stream), "stream", name);
        }
        gauge("conmonj.attach.clients", "Attach clients connected now", output, OutputCounters::receivers);
        counter("conmonj.attach.clients.accepted", "Attach clients accepted", output, OutputCounters::acceptedClients);
        counter("conmonj.attach.clients.dropped", "Attach clients disconnected for falling too far behind", output,
                OutputCounters::droppedReceivers);
        counter("conmonj.log.rotations", "Log files rotated away (--log-rotate)", log, LogCounters::rotations);
        counter("conmonj.log.truncations", "Log files replaced by an empty one (size limit or ctl reopen)", log,
                LogCounters::truncations);
        counter("conmonj.log.write.errors", "Failed log writes", log, LogCounters::writeErrors);
        counter("conmonj.log.lost.bytes", "Bytes of output that could not be logged", log, LogCounters::lostBytes);
        gauge("conmonj.container.running", "1 while the container runs", state,
                s -> s.pid() > 0 && s.exit() == null ? 1 : 0);
        gauge("conmonj.container.exit.code", "The container's exit code (NaN until it exits)", state,
                s -> s.exit() == null ? Double.NaN : s.exit().code());
        gauge("conmonj.container.oom.killed", "1 when an OOM kill was seen", state,
                s -> s.exit() != null && s.exit().oomKilled() ? 1 : 0);
        Gauge.builder("conmonj.container.start.time", state,
                        s -> s.startedAt() == null ? Double.NaN : s.startedAt().toEpochMilli() / 1000.0)
                .baseUnit("seconds").description("When the container was created (Unix time)").register(registry);
        Gauge.builder("conmonj.build.info", () -> 1).description("conmonj's version")
                .tags("version", Version.CONMONJ, "conmon_version", Version.CONMON_INTERFACE).register(registry);
    }

    private <T> void counter(String name, String help, T source, ToDoubleFunction<T> value, String... tags) {
        FunctionCounter.builder(name, source, value).description(help).tags(tags).register(registry);
    }

    private <T> void gauge(String name, String help, T source, ToDoubleFunction<T> value) {
        Gauge.builder(name, source, value).description(help).register(registry);
    }

    /** The Prometheus text exposition (format 0.0.4). */
    public String scrape() {
        return registry.scrape();
    }
}
