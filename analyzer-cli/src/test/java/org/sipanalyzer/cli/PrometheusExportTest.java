package org.sipanalyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.sipanalyzer.SipAnalysis;
import org.sipanalyzer.analysis.AnalysisInput;
import org.sipanalyzer.analysis.AnalysisOptions;
import org.sipanalyzer.calls.CallOptions;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.live.LiveSource;

/**
 * What {@code --prometheus} serves is scraped over HTTP and parsed by Prometheus's own Python client's text-format
 * parser (Debian's python3-prometheus-client): the figures of the SIPp sample (30 calls, 8 answered, 2 busy, two
 * that ring 1.2 s) in Prometheus's names, labels and units.
 */
class PrometheusExportTest {

    private static final Path UDP = Path.of(System.getProperty("sipanalyzer.samples", "../samples"))
            .resolve("sipp-calls-udp.pcap");

    private static final String PARSE = String.join("\n",
            "import sys",
            "from prometheus_client.parser import text_string_to_metric_families",
            "for f in text_string_to_metric_families(sys.stdin.read()):",
            "    for s in f.samples:",
            "        labels = ','.join(k + '=' + v for k, v in sorted(s.labels.items()))",
            "        print(f.type, s.name + '{' + labels + '}', repr(float(s.value)))");

    @Test
    void theSamplesFiguresAreServedInPrometheusTextFormat() throws Exception {
        AtomicReference<SipAnalysis.Snapshot> last = new AtomicReference<>();
        new SipAnalysis(Catalogue.standard(), AnalysisOptions.defaults(), CallOptions.defaults())
                .withSnapshots(Duration.ofHours(1), last::set).run(List.of(AnalysisInput.file(UDP)));
        LiveSource source = new FixedSource(176, 0);
        String scraped;
        try (PrometheusExport export = new PrometheusExport(new InetSocketAddress("127.0.0.1", 0), source)) {
            export.update(last.get());
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + export.port() + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            scraped = r.body();
        }
        // Debian's python3 first: python3-prometheus-client is installed for it, not for a python on PATH before it.
        String python3 = java.nio.file.Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        Process python;
        try {
            python = new ProcessBuilder(python3, "-c", PARSE).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "python3 is not installed");
            return;
        }
        python.getOutputStream().write(scraped.getBytes(StandardCharsets.UTF_8));
        python.getOutputStream().close();
        String parsed = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(python.waitFor(30, TimeUnit.SECONDS));
        assumeTrue(!parsed.contains("No module named 'prometheus_client'"), "python3-prometheus-client is missing");
        assertEquals(0, python.exitValue(), "Prometheus's parser takes it: " + parsed);
        Map<String, Double> v = new HashMap<>();
        for (String l : parsed.split("\n")) {
            String[] p = l.split(" ");
            v.put(p[0] + " " + p[1], Double.parseDouble(p[2]));
        }
        assertEquals(176.0, v.get("counter sip_messages_total{}"), parsed);
        assertEquals(2.0, v.get("counter sip_calls_total{outcome=busy}"));
        assertEquals(8.0, v.get("counter sip_calls_total{outcome=answered}"));
        assertEquals(2.0, v.get("counter sip_responses_total{code=486}"));
        assertEquals(8.0 / 30, v.get("gauge sip_asr_ratio{}"), 1e-3, "a ratio, 0 to 1");
        assertEquals(30.0, v.get("histogram sip_post_dial_delay_seconds_count{}"));
        assertEquals(30.0, v.get("histogram sip_post_dial_delay_seconds_bucket{le=+Inf}"));
        assertEquals(28.0, v.get("histogram sip_post_dial_delay_seconds_bucket{le=0.05}"), "all but the slow callee's");
        assertEquals(28.0, v.get("histogram sip_post_dial_delay_seconds_bucket{le=1.0}"));
        assertEquals(30.0, v.get("histogram sip_post_dial_delay_seconds_bucket{le=2.0}"), "its two within 2 s");
        assertEquals(176.0, v.get("counter sip_analyzer_packets_captured_total{}"));

        // The Grafana dashboard asks only for what is served.
        String dashboard = java.nio.file.Files.readString(Path.of("..", "docs", "grafana-dashboard.json"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("sip_[a-z_]+").matcher(dashboard);
        int names = 0;
        while (m.find()) {
            names++;
            assertTrue(scraped.contains("\n" + m.group()), "the dashboard's " + m.group() + " is served");
        }
        assertTrue(names >= 8, "the dashboard's queries were found: " + names);
    }

    /** Requests of 300 methods: the 256 kept apart, and the rest as (other), so the series add up to all 300. */
    @Test
    void methodsPastTheBoundAreServedAsOther(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String[] requests = new String[300];
        for (int i = 0; i < requests.length; i++) {
            requests[i] = "M" + i + " sip:b@x SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK" + i + "\r\n"
                    + "From: <sip:a@x>;tag=f\r\nTo: <sip:b@x>\r\nCall-ID: c" + i + "\r\nCSeq: 1 M" + i
                    + "\r\nContent-Length: 0\r\n\r\n";
        }
        Path capture = dir.resolve("methods.pcap");
        java.nio.file.Files.write(capture, AnalyzeCommandTest.pcap(requests));
        AtomicReference<SipAnalysis.Snapshot> last = new AtomicReference<>();
        new SipAnalysis(Catalogue.standard(), AnalysisOptions.defaults(), CallOptions.defaults())
                .withSnapshots(Duration.ofHours(1), last::set).run(List.of(AnalysisInput.file(capture)));
        String scraped;
        try (PrometheusExport export = new PrometheusExport(new InetSocketAddress("127.0.0.1", 0),
                new FixedSource(300, 0))) {
            export.update(last.get());
            scraped = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + export.port() + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
        double sum = 0;
        long series = 0;
        for (String l : scraped.split("\n")) {
            if (l.startsWith("sip_requests_total{")) {
                sum += Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1));
                series++;
            }
        }
        assertEquals(300.0, sum, scraped);
        assertEquals(257, series, "256 methods and (other)");
        assertTrue(scraped.contains("sip_requests_total{method=\"(other)\"} 44"), scraped);
    }

    @Test
    void whereToServeIsParsedOrRefusedWithAnExample() {
        assertEquals(9464, PrometheusExport.parse(":9464").getPort());
        assertEquals("127.0.0.1", PrometheusExport.parse("127.0.0.1:9464").getHostString());
        for (String bad : List.of("9464x", "host", "127.0.0.1:70000")) {
            try {
                PrometheusExport.parse(bad);
                throw new AssertionError(bad);
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage().contains("127.0.0.1:9464"), e.getMessage());
            }
        }
    }
}
