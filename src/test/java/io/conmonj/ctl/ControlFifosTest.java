package io.conmonj.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.conmonj.diag.FatalError;
import io.conmonj.os.Posix;

class ControlFifosTest {
    private static final Posix POSIX = Posix.get();

    @TempDir
    Path bundle;

    /** The actions, in the order they were asked for. */
    private final LinkedBlockingQueue<String> actions = new LinkedBlockingQueue<>();

    private void start() {
        ControlFifos.create(POSIX, bundle.toString()).start(new ControlFifos.Actions() {
            @Override
            public void resize(int rows, int columns) {
                actions.add("resize " + rows + "x" + columns);
            }

            @Override
            public void reopenLog() {
                actions.add("reopen");
            }
        });
    }

    private void writeCtl(String text) {
        int fd = POSIX.open(bundle.resolve("ctl").toString(), Posix.O_WRONLY | Posix.O_CLOEXEC, 0);
        try {
            POSIX.writeFully(fd, text.getBytes(StandardCharsets.US_ASCII));
        } finally {
            POSIX.close(fd);
        }
    }

    private String next() throws InterruptedException {
        return actions.poll(5, TimeUnit.SECONDS);
    }

    @Test
    void resizesGoThroughWinszAndReopensComeStraightThrough() throws Exception {
        start();
        for (String fifo : List.of("ctl", "winsz")) {
            assertTrue(Files.readAttributes(bundle.resolve(fifo), java.nio.file.attribute.BasicFileAttributes.class).isOther(),
                    fifo + " is a fifo");
        }
        writeCtl("1 24 80\n2 0 0\n");
        // the resize takes the winsz detour, so the reopen may come first
        assertEquals(java.util.Set.of("resize 24x80", "reopen"), java.util.Set.of(next(), next()));
        // a writer that comes and goes does not hang the fifo up
        writeCtl("1 1 2\n");
        assertEquals("resize 1x2", next());
    }

    @Test
    void aRejectedLineDropsTheRestOfItsRead() throws Exception {
        start();
        writeCtl("9 1 1\n1 3 3\n");
        // let that read happen on its own before the next message
        assertEquals(null, actions.poll(300, TimeUnit.MILLISECONDS));
        writeCtl("1 4 4\n");
        assertEquals("resize 4x4", next());
        assertEquals(List.of(), List.copyOf(actions));
    }

    @Test
    void oldFifosAreReplacedAndAMissingBundleIsFatal() throws Exception {
        POSIX.mkfifo(bundle.resolve("ctl").toString(), 0600);
        Files.writeString(bundle.resolve("winsz"), "a plain file");
        start();
        writeCtl("1 5 5\n");
        assertEquals("resize 5x5", next());
        String error = org.junit.jupiter.api.Assertions.assertThrows(FatalError.class,
                () -> ControlFifos.create(POSIX, bundle.resolve("missing").toString())).line();
        assertTrue(error.startsWith("[conmon:e]: Failed to mkfifo at " + bundle.resolve("missing/ctl") + " "), error);
    }
}
