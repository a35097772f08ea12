package io.conmonj.gateway.scrape;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.conmonj.gateway.discovery.SocketDirectory.Target;

/**
 * What the gateway remembers about each monitor between scrapes: since when its container has been seen
 * exited, since when its socket has refused connections. A container that exited is shown for a grace
 * period (so its exit code is scraped at least once) and then left out; so is a socket nobody has
 * listened on for that long (a monitor killed before it could remove it). A new socket file under the
 * same name (another inode) starts afresh.
 */
public final class TargetStates {
    /** Times are System.nanoTime() values; NEVER when the condition has not been seen. */
    private record State(Object fileKey, long exitedSince, long refusedSince) {
    }

    private static final long NEVER = Long.MIN_VALUE;

    private final Duration grace;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    public TargetStates(Duration grace) {
        this.grace = grace;
    }

    private State state(Target target) {
        State s = states.get(target.id());
        if (s == null || !Objects.equals(s.fileKey(), target.fileKey())) {
            s = new State(target.fileKey(), NEVER, NEVER);
            states.put(target.id(), s);
        }
        return s;
    }

    /** The targets still worth asking: not exited nor refusing for longer than the grace. */
    public List<Target> active(List<Target> targets, long now) {
        Set<String> present = new HashSet<>();
        for (Target t : targets) {
            present.add(t.id());
        }
        states.keySet().retainAll(present);
        return targets.stream().filter(t -> !expired(state(t), now)).toList();
    }

    private boolean expired(State s, long now) {
        return (s.exitedSince() != NEVER && now - s.exitedSince() > grace.toNanos())
                || (s.refusedSince() != NEVER && now - s.refusedSince() > grace.toNanos());
    }

    /** Records a container's state as seen now; returns whether it is to be shown. */
    public boolean seen(Target target, boolean exited, long now) {
        State s = state(target);
        long since = exited ? (s.exitedSince() != NEVER ? s.exitedSince() : now) : NEVER;
        s = new State(s.fileKey(), since, NEVER);
        states.put(target.id(), s);
        return !expired(s, now);
    }

    /** Records a refused connection. */
    public void refused(Target target, long now) {
        State s = state(target);
        states.put(target.id(), new State(s.fileKey(), s.exitedSince(), s.refusedSince() != NEVER ? s.refusedSince() : now));
    }
}
