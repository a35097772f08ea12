package io.conmonj.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.conmonj.gateway.discovery.SocketDirectory;
import io.conmonj.gateway.discovery.SocketDirectory.Target;
import io.conmonj.gateway.merge.Exposition;
import io.conmonj.gateway.merge.FamilyFilter;
import io.conmonj.gateway.merge.KubernetesName;
import io.conmonj.gateway.merge.Merger;
import io.conmonj.gateway.scrape.Fetch;
import io.conmonj.gateway.scrape.ScrapeBudget;
import io.conmonj.gateway.scrape.Scraper;
import io.conmonj.gateway.scrape.TargetStates;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The node gateway's work, independent of HTTP serving: the socket directory, the scrapes of the
 * monitors, the merge, the gateway's own series, and the container list.
 */
public final class Gateway implements AutoCloseable {
    private final Vertx vertx;
    private final SocketDirectory directory;
    private final Scraper scraper;
    private final TargetStates states;
    private final FamilyFilter filter;
    private final GatewayMetrics metrics;
    private final ScrapeBudget budget;
    private final long rescanTimer;

    private Gateway(Vertx vertx, GatewayOptions options) {
        this.vertx = vertx;
        this.directory = new SocketDirectory(options.socketDir);
        this.scraper = new Scraper(vertx, options.targetTimeout, options.maxConcurrent, options.maxBodyBytes);
        this.states = new TargetStates(options.exitedGrace);
        this.filter = new FamilyFilter(options.allowFamilies, options.denyFamilies);
        this.metrics = new GatewayMetrics(() -> directory.targets().size());
        this.budget = new ScrapeBudget(options.scrapeBudget, options.scrapeMargin, options.scrapeBudget);
        directory.start();
        this.rescanTimer = vertx.setPeriodic(Math.max(100, options.rescanInterval.toMillis()),
                id -> vertx.executeBlocking(() -> {
                    directory.rescan();
                    return null;
                }, false));
    }

    public static Gateway start(Vertx vertx, GatewayOptions options) {
        return new Gateway(vertx, options);
    }

    public ScrapeBudget budget() {
        return budget;
    }

    public SocketDirectory directory() {
        return directory;
    }

    /** Null when ready (the socket directory was read), else why not. */
    public String notReady() {
        return directory.problem();
    }

    /** The merged metrics of every monitor plus the gateway's own, within budget. */
    public Future<String> metrics(Duration scrapeBudget) {
        long begin = System.nanoTime();
        List<Target> targets = states.active(directory.targets(), begin);
        return scraper.fetchAll(targets, "/metrics", scrapeBudget, status -> status == 200).map(fetches -> {
            long now = System.nanoTime();
            List<Merger.Source> sources = new ArrayList<>();
            List<Fetch> reported = new ArrayList<>();
            List<Boolean> included = new ArrayList<>();
            for (Fetch f : fetches) {
                if (!f.ok()) {
                    left(f.target(), f.failure(), now);
                    reported.add(f);
                    included.add(false);
                    continue;
                }
                Exposition exposition;
                try {
                    exposition = Exposition.parse(f.body());
                } catch (Exposition.ParseException e) {
                    metrics.failed(Fetch.Failure.GARBAGE);
                    reported.add(f);
                    included.add(false);
                    continue;
                }
                if (!states.seen(f.target(), exited(exposition), now)) {
                    continue; // exited longer ago than the grace: gone from the node's metrics
                }
                sources.add(new Merger.Source(f.target().id(), exposition));
                reported.add(f);
                included.add(true);
            }
            Merger.Result merged = Merger.merge(sources, filter);
            metrics.conflicts(merged.typeConflicts());
            StringBuilder out = new StringBuilder(merged.text().length() + 4096).append(merged.text());
            metrics.scraped(System.nanoTime() - begin);
            metrics.write(out, reported, included);
            return out.toString();
        });
    }

    private void left(Target target, Fetch.Failure failure, long now) {
        metrics.failed(failure);
        if (failure == Fetch.Failure.REFUSED) {
            states.refused(target, now);
        }
    }

    /** A container whose exit was recorded: its exit code gauge is a number. */
    static boolean exited(Exposition exposition) {
        String code = exposition.firstValue("conmonj_container_exit_code");
        return code != null && !code.equalsIgnoreCase("NaN");
    }

    /** One entry per monitor from its /health. */
    public Future<JsonArray> containers(Duration scrapeBudget) {
        long begin = System.nanoTime();
        List<Target> targets = states.active(directory.targets(), begin);
        return scraper.fetchAll(targets, "/health", scrapeBudget, status -> status == 200 || status == 503).map(fetches -> {
            long now = System.nanoTime();
            JsonArray list = new JsonArray();
            for (Fetch f : fetches) {
                JsonObject entry = new JsonObject().put("id", f.target().id());
                if (!f.ok()) {
                    left(f.target(), f.failure(), now);
                    list.add(entry.put("status", "unreachable").put("error", f.failure().label()).put("detail", f.detail()));
                    continue;
                }
                JsonObject health;
                try {
                    health = new JsonObject(f.body());
                } catch (RuntimeException e) {
                    metrics.failed(Fetch.Failure.GARBAGE);
                    list.add(entry.put("status", "unreachable").put("error", Fetch.Failure.GARBAGE.label()));
                    continue;
                }
                String status = health.getString("status", "unknown");
                if (!states.seen(f.target(), status.equals("exited"), now)) {
                    continue;
                }
                String name = health.getString("container_name");
                KubernetesName k8s = KubernetesName.parse(name);
                entry.put("id", health.getString("container_id", f.target().id())).put("name", name)
                        .put("container", k8s == null ? null : k8s.container())
                        .put("pod", k8s == null ? null : k8s.pod()).put("namespace", k8s == null ? null : k8s.namespace())
                        .put("status", status).put("pid", health.getValue("pid"))
                        .put("exit_code", health.getValue("exit_code")).put("oom", health.getValue("oom_killed"))
                        .put("uptime_seconds", health.getValue("uptime_seconds"))
                        .put("monitor_pid", health.getValue("monitor_pid"));
                list.add(entry);
            }
            return list;
        });
    }

    @Override
    public void close() {
        vertx.cancelTimer(rescanTimer);
        directory.close();
        scraper.close();
    }
}
