package io.conmonj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;

import org.junit.jupiter.api.Test;

/** The package graph of the main classes, read by jdeps: no cycles, and libc reached from os only. */
class ArchitectureTest {
    private static final Path CLASSES = Path.of(System.getProperty("conmonj.project", "."), "target", "classes");

    /** package -> packages it depends on (io.conmonj.* without the prefix, other libraries in full). */
    private static Map<String, Set<String>> packageGraph() {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        int rc = jdeps.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "-verbose:package",
                "--multi-release", "25", CLASSES.toString());
        assertEquals(0, rc, out.toString());
        Map<String, Set<String>> graph = new TreeMap<>();
        for (String line : out.toString().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 3 && f[1].equals("->") && f[0].startsWith("io.conmonj.")) {
                String from = f[0].substring("io.conmonj.".length());
                String to = f[2].startsWith("io.conmonj.") ? f[2].substring("io.conmonj.".length()) : f[2];
                if (!from.equals(to)) {
                    graph.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
                }
            }
        }
        return graph;
    }

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        Map<String, Set<String>> graph = packageGraph();
        List<String> cycles = new ArrayList<>();
        for (String start : graph.keySet()) {
            Deque<List<String>> paths = new ArrayDeque<>();
            paths.add(List.of(start));
            Map<String, Boolean> seen = new HashMap<>();
            while (!paths.isEmpty()) {
                List<String> path = paths.poll();
                for (String next : graph.getOrDefault(path.get(path.size() - 1), Set.of())) {
                    if (next.equals(start)) {
                        cycles.add(String.join(" -> ", path) + " -> " + start);
                    } else if (graph.containsKey(next) && seen.putIfAbsent(next, true) == null) {
                        List<String> longer = new ArrayList<>(path);
                        longer.add(next);
                        paths.add(longer);
                    }
                }
            }
        }
        assertEquals(List.of(), cycles);
    }

    @Test
    void onlyTheOsPackageReachesNativeCode() {
        packageGraph().forEach((from, to) -> {
            if (!from.equals("os")) {
                assertTrue(to.stream().noneMatch(p -> p.startsWith("com.kenai.jffi") || p.startsWith("jnr.")),
                        from + " depends on " + to);
            }
        });
    }
}
