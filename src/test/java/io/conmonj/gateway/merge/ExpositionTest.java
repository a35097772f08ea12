package io.conmonj.gateway.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The strict parser of the text exposition format 0.0.4. */
class ExpositionTest {
    static final String MONITOR = """
            # HELP conmonj_log_bytes_total Bytes of container output logged
            # TYPE conmonj_log_bytes_total counter
            conmonj_log_bytes_total{container_id="c1",container_name="k8s_web_shop-7d_prod_0f1e_2",stream="stdout",} 3893.0
            conmonj_log_bytes_total{container_id="c1",container_name="k8s_web_shop-7d_prod_0f1e_2",stream="stderr",} 4.0
            # HELP conmonj_container_exit_code The container's exit code (NaN until it exits)
            # TYPE conmonj_container_exit_code gauge
            conmonj_container_exit_code{container_id="c1",container_name="k8s_web_shop-7d_prod_0f1e_2",} NaN
            # HELP req_seconds A summary
            # TYPE req_seconds summary
            req_seconds_count{container_id="c1"} 2
            req_seconds_sum{container_id="c1"} 0.5 1700000000000
            """;

    private static List<String> names(Exposition e) {
        List<String> names = new ArrayList<>();
        e.families().forEach(f -> names.add(f.name() + ":" + f.type() + ":" + f.samples().size()));
        return names;
    }

    @Test
    void familiesKeepTheirSamplesHelpAndType() throws Exception {
        Exposition e = Exposition.parse(MONITOR);
        assertEquals(List.of("conmonj_log_bytes_total:counter:2", "conmonj_container_exit_code:gauge:1",
                "req_seconds:summary:2"), names(e));
        Exposition.Sample first = e.family("conmonj_log_bytes_total").samples().get(0);
        assertEquals("stdout", first.label("stream"));
        assertEquals("3893.0", first.value());
        assertEquals("Bytes of container output logged", e.family("conmonj_log_bytes_total").help());
        assertEquals("NaN", e.firstValue("conmonj_container_exit_code"));
        assertEquals("1700000000000", e.family("req_seconds").samples().get(1).timestamp());
    }

    @Test
    void escapesInLabelsAndHelpAreUnderstood() throws Exception {
        Exposition e = Exposition.parse("# HELP m a \\\\ b\\nc\n# TYPE m gauge\nm{a=\"q\\\"x\\\\y\\nz\", b = \"\"} -Inf\n");
        assertEquals("a \\ b\nc", e.family("m").help());
        assertEquals("q\"x\\y\nz", e.family("m").samples().get(0).label("a"));
        assertEquals("", e.family("m").samples().get(0).label("b"));
        assertEquals("m{a=\"q\\\"x\\\\y\\nz\"}", "m{a=\"" + Exposition.escapeLabel("q\"x\\y\nz") + "\"}");
    }

    @Test
    void samplesWithoutMetadataAreUntypedFamiliesOfTheirOwn() throws Exception {
        Exposition e = Exposition.parse("# just a comment\nfoo 1\nbar{x=\"1\"} 2\nfoo{y=\"2\"} 3\n\n");
        assertEquals(List.of("foo:untyped:2", "bar:untyped:1"), names(e));
        assertNull(e.family("foo").help());
    }

    @ParameterizedTest
    @ValueSource(strings = {"m 1", "m -1.5e-3", "m +Inf", "m nan", "m 1.796019682749E9 1700000000000", "m\t2", "m .5", "m 5."})
    void valuesAsPrometheusReadsThem(String line) throws Exception {
        Exposition.parse(line);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a metric line", "m{a=\"unterminated} 1", "m{a=1} 1", "m 1 2 3", "m one", "m{a=\"x\",a=\"y\"} 1",
            "m 0x10", "m 1.0d", "9m 1", "m{a=\"\\q\"} 1", "# TYPE m bogus", "m 1 1.5", "m{=\"x\"} 1", "<html>",
            "# TYPE m gauge\nm 1\n# TYPE m gauge", "m", "m 1e", "m \u0663", "m 1 2\tx", "m -"})
    void garbageIsRejectedWhole(String text) {
        assertThrows(Exposition.ParseException.class, () -> Exposition.parse(text));
    }
}
