package io.conmonj.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.TestAbortedException;

/**
 * Records each end-to-end scenario's outcome (and how long a passing one took) per monitor and keeps
 * target/e2e/report.md, a table of scenario × monitor. For the control monitor (/usr/bin/conmon) a failure is recorded and the test
 * aborted with the reason: a scenario conmon itself fails is reported, not hidden, and does not fail
 * the build; for the monitor under test a failure fails the build as usual.
 */
public final class ScenarioReport implements InvocationInterceptor {
    static final Path DIR = Bundles.PROJECT.resolve("target/e2e");
    private static final Path RESULTS = DIR.resolve("results.tsv");
    private static final Path REPORT = DIR.resolve("report.md");

    private final String monitor;
    private final boolean control;

    private ScenarioReport(String monitor, boolean control) {
        this.monitor = monitor;
        this.control = control;
    }

    /** The monitor under test: failures fail the build. */
    public static ScenarioReport subject(String monitor) {
        return new ScenarioReport(monitor, false);
    }

    /** The reference monitor: failures are reported and the test aborted. */
    public static ScenarioReport control(String monitor) {
        return new ScenarioReport(monitor, true);
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
            ExtensionContext context) throws Throwable {
        String scenario = call.getExecutable().getName();
        long start = System.nanoTime();
        try {
            invocation.proceed();
            record(scenario, String.format("pass (%.1f s)", (System.nanoTime() - start) / 1e9));
        } catch (TestAbortedException e) {
            record(scenario, "skipped: " + e.getMessage());
            throw e;
        } catch (Throwable e) {
            record(scenario, "FAIL: " + e);
            if (control) {
                throw new TestAbortedException("fails with the control monitor " + monitor + ": " + e, e);
            }
            throw e;
        }
    }

    private synchronized void record(String scenario, String outcome) {
        String line = scenario + "\t" + monitor + "\t" + outcome.replaceAll("\\s+", " ") + "\n";
        try {
            Files.createDirectories(DIR);
            Files.writeString(RESULTS, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            writeReport();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rewrites report.md from results.tsv; a later line for the same scenario and monitor wins. */
    private static void writeReport() throws IOException {
        Map<String, Map<String, String>> table = new TreeMap<>();
        Map<String, Boolean> monitors = new LinkedHashMap<>();
        for (String line : Files.readAllLines(RESULTS, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", 3);
            if (f.length == 3) {
                table.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).put(f[1], f[2]);
                monitors.put(f[1], true);
            }
        }
        List<String> columns = List.copyOf(monitors.keySet());
        StringBuilder md = new StringBuilder("| scenario |");
        columns.forEach(m -> md.append(' ').append(m).append(" |"));
        md.append("\n| --- |");
        columns.forEach(m -> md.append(" --- |"));
        md.append('\n');
        table.forEach((scenario, outcomes) -> {
            md.append("| ").append(scenario).append(" |");
            columns.forEach(m -> md.append(' ').append(outcomes.getOrDefault(m, "not run").replace("|", "\\|")).append(" |"));
            md.append('\n');
        });
        Files.writeString(REPORT, md.toString(), StandardCharsets.UTF_8);
    }
}
