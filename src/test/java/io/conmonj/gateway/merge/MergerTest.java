package io.conmonj.gateway.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The merge: one HELP/TYPE per family, labels kept, Kubernetes labels added, conflicts and duplicates left out. */
class MergerTest {
    private static Merger.Source source(String id, String text) throws Exception {
        return new Merger.Source(id, Exposition.parse(text));
    }

    private static String monitor(String id, String name, int bytes) {
        return "# HELP conmonj_log_bytes_total Bytes of container output logged\n"
                + "# TYPE conmonj_log_bytes_total counter\n"
                + "conmonj_log_bytes_total{container_id=\"" + id + "\",container_name=\"" + name + "\",stream=\"stdout\",} "
                + bytes + ".0\n"
                + "# HELP conmonj_container_running 1 while the container runs\n"
                + "# TYPE conmonj_container_running gauge\n"
                + "conmonj_container_running{container_id=\"" + id + "\",container_name=\"" + name + "\",} 1.0\n";
    }

    @Test
    void oneHelpAndTypePerFamilyAndEveryMonitorsSamples() throws Exception {
        Merger.Result r = Merger.merge(List.of(source("a", monitor("a", "web", 10)), source("b", monitor("b", "db", 20))),
                FamilyFilter.all());
        assertEquals("""
                # HELP conmonj_container_running 1 while the container runs
                # TYPE conmonj_container_running gauge
                conmonj_container_running{container_id="a",container_name="web"} 1.0
                conmonj_container_running{container_id="b",container_name="db"} 1.0
                # HELP conmonj_log_bytes_total Bytes of container output logged
                # TYPE conmonj_log_bytes_total counter
                conmonj_log_bytes_total{container_id="a",container_name="web",stream="stdout"} 10.0
                conmonj_log_bytes_total{container_id="b",container_name="db",stream="stdout"} 20.0
                """, r.text());
        assertEquals(0, r.typeConflicts());
        assertEquals(0, r.duplicateSeries());
    }

    @Test
    void kubernetesNamesGiveContainerPodAndNamespace() throws Exception {
        String name = "k8s_nginx_web-5d8f7c9b6-x2x7k_shop_4b8e9c1a-0a1b-4c2d-9e8f-1234567890ab_1";
        Merger.Result r = Merger.merge(List.of(source("a", monitor("a", name, 5))), FamilyFilter.all());
        assertTrue(r.text().contains("conmonj_log_bytes_total{container_id=\"a\",container_name=\"" + name
                + "\",stream=\"stdout\",container=\"nginx\",pod=\"web-5d8f7c9b6-x2x7k\",namespace=\"shop\"} 5.0\n"), r.text());
        Merger.Result own = Merger.merge(List.of(source("a",
                "m{container_name=\"" + name + "\",namespace=\"mine\"} 1\n")), FamilyFilter.all());
        assertTrue(own.text().contains("namespace=\"mine\"") && !own.text().contains("namespace=\"shop\""),
                "a monitor's own label is kept: " + own.text());
    }

    @Test
    void aConflictingTypeOrAnAlreadyWrittenSeriesIsLeftOut() throws Exception {
        Merger.Result r = Merger.merge(List.of(source("a", "# TYPE m gauge\nm{x=\"1\"} 1\n"),
                source("b", "# TYPE m counter\nm{x=\"2\"} 2\n"), source("c", "# TYPE m gauge\nm{x=\"1\"} 3\n")),
                FamilyFilter.all());
        assertEquals("# TYPE m gauge\nm{x=\"1\"} 1\n", r.text());
        assertEquals(1, r.typeConflicts());
        assertEquals(1, r.duplicateSeries());
    }

    @Test
    void allowAndDenyListsChooseFamilies() throws Exception {
        FamilyFilter filter = new FamilyFilter(List.of("conmonj_log_.*", "conmonj_container_running"),
                List.of("conmonj_log_lines_total"));
        assertTrue(filter.keeps("conmonj_log_bytes_total"));
        assertFalse(filter.keeps("conmonj_log_lines_total"));
        assertTrue(filter.keeps("conmonj_container_running"));
        assertFalse(filter.keeps("conmonj_container_running_x"), "patterns match whole names");
        Merger.Result r = Merger.merge(List.of(source("a", monitor("a", "web", 1))),
                new FamilyFilter(List.of(), List.of("conmonj_container_.*")));
        assertFalse(r.text().contains("conmonj_container_running"));
        assertTrue(r.text().contains("conmonj_log_bytes_total"));
    }
}
