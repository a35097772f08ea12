package io.conmonj.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.conmonj.diag.Diagnostics;

/** What conmonj's diagnostics print while it is open, instead of stderr. */
public final class DiagnosticsCapture implements AutoCloseable {
    private final ByteArrayOutputStream lines = new ByteArrayOutputStream();
    private final PrintStream previous;

    private DiagnosticsCapture() {
        previous = Diagnostics.redirect(new PrintStream(lines, true, StandardCharsets.UTF_8));
    }

    public static DiagnosticsCapture start() {
        return new DiagnosticsCapture();
    }

    public List<String> lines() {
        return lines.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Override
    public void close() {
        Diagnostics.redirect(previous);
    }
}
