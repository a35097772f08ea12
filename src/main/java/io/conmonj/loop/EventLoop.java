package io.conmonj.loop;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.function.BooleanSupplier;

import io.conmonj.os.Posix;

/**
 * The monitor's one event loop, as conmon's GLib main loop: a single thread polls every descriptor
 * the monitor serves (container output, attach clients, ctl fifos, signals, ...), runs timers, and
 * runs tasks handed over by other threads. Everything registered here is touched by that thread
 * only, so the monitor's state needs no locks.
 *
 * <p>A handler that throws is unregistered and reported to the {@link FailureListener}, which decides
 * what the failure means for the container; the loop itself keeps serving the other descriptors.
 */
public final class EventLoop {
    /** Called on the loop thread when a watched descriptor is ready. */
    @FunctionalInterface
    public interface Handler {
        void ready(short revents);
    }

    /** Told about a handler, timer or task that threw; the failed watch is already cancelled. */
    @FunctionalInterface
    public interface FailureListener {
        void failed(String source, RuntimeException failure);
    }

    /** A descriptor being watched; its events can change and it can be cancelled, from the loop thread. */
    public final class Watch {
        private final String name;
        private final int fd;
        private final Handler handler;
        private short events;
        private boolean cancelled;

        private Watch(String name, int fd, short events, Handler handler) {
            this.name = name;
            this.fd = fd;
            this.events = events;
            this.handler = handler;
        }

        /** The events polled for from the next iteration on (0: none, the watch stays registered). */
        public void interest(short newEvents) {
            events = newEvents;
        }

        public short interest() {
            return events;
        }

        public boolean cancelled() {
            return cancelled;
        }

        /** Stops watching (the descriptor is the owner's to close). */
        public void cancel() {
            if (!cancelled) {
                cancelled = true;
                watches.remove(this);
            }
        }
    }

    /** A task due at a point in time. */
    public final class Timer implements Comparable<Timer> {
        private final String name;
        private final long dueNanos;
        private final Runnable task;
        private boolean cancelled;

        private Timer(String name, long dueNanos, Runnable task) {
            this.name = name;
            this.dueNanos = dueNanos;
            this.task = task;
        }

        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Timer other) {
            return Long.compare(dueNanos, other.dueNanos);
        }
    }

    private final Posix posix;
    private final FailureListener failures;
    private final List<Watch> watches = new ArrayList<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private final int[] wakePipe;
    private final java.nio.ByteBuffer wakeBuffer = java.nio.ByteBuffer.allocateDirect(64);
    private volatile Thread owner;

    public EventLoop(Posix posix, FailureListener failures) {
        this.posix = posix;
        this.failures = failures;
        this.wakePipe = posix.pipe();
        posix.setNonBlocking(wakePipe[0], true);
        posix.setNonBlocking(wakePipe[1], true);
    }

    /**
     * Watches fd for events (POLLIN, POLLOUT); POLLHUP and POLLERR are always reported. Descriptors
     * ready in the same iteration are served in the order they were first watched.
     */
    public Watch watch(String name, int fd, short events, Handler handler) {
        Watch watch = new Watch(name, fd, events, handler);
        watches.add(watch);
        return watch;
    }

    /** Runs task on the loop thread after delayMillis. */
    public Timer after(String name, long delayMillis, Runnable task) {
        Timer timer = new Timer(name, System.nanoTime() + delayMillis * 1_000_000L, task);
        timers.add(timer);
        return timer;
    }

    /** Runs task on the loop thread, after the tasks handed over before it; callable from any thread. */
    public void execute(Runnable task) {
        synchronized (tasks) {
            tasks.add(task);
        }
        if (Thread.currentThread() != owner) {
            wake();
        }
    }

    /** Whether the caller is the thread running the loop. */
    public boolean inLoop() {
        return Thread.currentThread() == owner;
    }

    private void wake() {
        // a full wake pipe already guarantees a wake-up
        posix.write(wakePipe[1], java.nio.ByteBuffer.allocateDirect(1).put(0, (byte) 1));
    }

    /**
     * Runs iterations on the calling thread until done answers true (checked before each one). An
     * iteration waits for a ready descriptor, a due timer or a task, and runs what is ready.
     */
    public void runUntil(BooleanSupplier done) {
        owner = Thread.currentThread();
        while (!done.getAsBoolean()) {
            iterate();
        }
    }

    /** One pass: poll, then the ready handlers, the due timers and the queued tasks. */
    void iterate() {
        List<Watch> polled = new ArrayList<>(watches.size());
        for (Watch w : watches) {
            if (w.events != 0) {
                polled.add(w);
            }
        }
        int n = polled.size();
        int[] fds = new int[n + 1];
        short[] events = new short[n + 1];
        for (int i = 0; i < n; i++) {
            fds[i] = polled.get(i).fd;
            events[i] = polled.get(i).events;
        }
        fds[n] = wakePipe[0];
        events[n] = Posix.POLLIN;
        short[] revents = posix.poll(fds, events, pendingTasks() ? 0 : timeoutMillis());
        for (int i = 0; i < revents.length - 1; i++) {
            Watch w = polled.get(i);
            if (revents[i] != 0 && !w.cancelled) {
                dispatch(w, revents[i]);
            }
        }
        if (revents.length > 0 && revents[n] != 0) {
            drainWakePipe();
        }
        runDueTimers();
        runTasks();
    }

    private void dispatch(Watch w, short revents) {
        try {
            w.handler.ready(revents);
        } catch (RuntimeException e) {
            w.cancel();
            failures.failed(w.name, e);
        }
    }

    private boolean pendingTasks() {
        synchronized (tasks) {
            return !tasks.isEmpty();
        }
    }

    private int timeoutMillis() {
        Timer next = timers.peek();
        while (next != null && next.cancelled) {
            timers.poll();
            next = timers.peek();
        }
        if (next == null) {
            return -1;
        }
        long left = next.dueNanos - System.nanoTime();
        return left <= 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000);
    }

    private void runDueTimers() {
        long now = System.nanoTime();
        Timer timer;
        while ((timer = timers.peek()) != null && (timer.cancelled || timer.dueNanos <= now)) {
            timers.poll();
            if (!timer.cancelled) {
                try {
                    timer.task.run();
                } catch (RuntimeException e) {
                    failures.failed(timer.name, e);
                }
            }
        }
    }

    private void runTasks() {
        while (true) {
            Runnable task;
            synchronized (tasks) {
                task = tasks.poll();
            }
            if (task == null) {
                return;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                failures.failed("task", e);
            }
        }
    }

    private void drainWakePipe() {
        while (true) {
            wakeBuffer.clear();
            if (posix.read(wakePipe[0], wakeBuffer) <= 0) {
                return;
            }
        }
    }

    /** Closes the wake pipe; the loop cannot run again. */
    public void close() {
        posix.close(wakePipe[0]);
        posix.close(wakePipe[1]);
    }
}
