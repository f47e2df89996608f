package org.sipanalyzer.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.net.Endpoint;
import org.sipanalyzer.net.Transport;
import org.sipanalyzer.scan.SipScanner;
import org.sipanalyzer.sip.SipMessage;

/** Which server returned which failures: failure responses by the host that sent them, bounded. */
class FailuresBySenderTest {

    private final SipScanner scanner = new SipScanner();
    private final Endpoint client = new Endpoint(new byte[] {(byte) 192, 0, 2, 1}, 5060);

    private SipEvent response(Endpoint from, int code, boolean retransmission) {
        byte[] b = ("SIP/2.0 " + code + " X\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\nFrom: <sip:a@x>;tag=1\r\n"
                + "To: <sip:b@y>;tag=2\r\nCall-ID: c\r\nCSeq: 1 REGISTER\r\nContent-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        SipMessage m = scanner.scanDatagram(b, 0, b.length).message();
        return new SipEvent(0, 1, 0, from, client, Transport.UDP, m, Catalogue.standard().lookup(code),
                retransmission, false);
    }

    private static Endpoint host(int a, int b) {
        return new Endpoint(new byte[] {(byte) 198, 51, (byte) a, (byte) b}, 5060);
    }

    @Test
    void failuresAreCountedPerSendingHostAndCode() {
        MessageStatistics s = new MessageStatistics(Catalogue.standard());
        Endpoint registrar = host(100, 1);
        Endpoint proxy = new Endpoint(new byte[] {(byte) 198, 51, 100, 2}, 5080);
        s.onEvent(response(registrar, 503, false));
        s.onEvent(response(registrar, 503, true));            // its retransmission
        // same host, other port
        s.onEvent(response(new Endpoint(new byte[] {(byte) 198, 51, 100, 1}, 5062), 403, false));
        s.onEvent(response(registrar, 200, false));           // not a failure
        s.onEvent(response(registrar, 401, false));
        s.onEvent(response(proxy, 486, false));
        s.onEvent(response(proxy, 302, false));               // a redirection is not a failure
        Map<String, Map<Integer, Counts>> f = s.failuresBySender();
        assertEquals(2, f.size());
        Map<Integer, Counts> r = f.get("198.51.100.1");
        assertEquals(3, r.size());
        assertEquals(2, r.get(503).count());
        assertEquals(1, r.get(503).unique());
        assertEquals(1, r.get(403).count());
        assertEquals(1, r.get(401).count());
        assertEquals(Map.of(486, 1L), Map.of(486, f.get("198.51.100.2").get(486).count()));
        assertFalse(f.get("198.51.100.2").containsKey(302));

        MessageStatistics added = new MessageStatistics(Catalogue.standard());
        added.add(s);
        added.add(s);
        assertEquals(4, added.failuresBySender().get("198.51.100.1").get(503).count(), "inputs add up");
        MessageStatistics merged = s.merge(s);
        assertEquals(4, merged.failuresBySender().get("198.51.100.1").get(503).count(), "merged, the same");
        assertEquals(2, s.failuresBySender().get("198.51.100.1").get(503).count(), "a merge changes neither side");
    }

    /** The text report and the Markdown and HTML ones list the same top failing senders: the ten that sent most. */
    @Test
    void everyFormatListsTheSameTopSenders() throws java.io.IOException {
        MessageStatistics s = new MessageStatistics(Catalogue.standard());
        for (int i = 0; i < 15; i++) {
            for (int n = 0; n <= i; n++) {
                s.onEvent(response(host(7, i), 503, false)); // host i sent i + 1 failures
            }
        }
        AnalysisResult result = new AnalysisResult(java.util.List.of(), s, java.util.List.of());
        for (var format : java.util.List.of(org.sipanalyzer.report.OutputFormat.TEXT,
                org.sipanalyzer.report.OutputFormat.MARKDOWN, org.sipanalyzer.report.OutputFormat.HTML)) {
            java.io.StringWriter out = new java.io.StringWriter();
            new org.sipanalyzer.report.AnalysisReport(result).write(format, out, 120);
            String report = out.toString();
            for (int i = 0; i < 15; i++) {
                boolean listed = report.contains("198.51.7." + i + " ") || report.contains("198.51.7." + i + " |")
                        || report.contains("198.51.7." + i + "<");
                assertEquals(i >= 5, listed, format + ": host " + i + " (" + (i + 1) + " failures)");
            }
        }
    }

    @Test
    void hostsBeyondTheBoundShareOneEntry() {
        MessageStatistics s = new MessageStatistics(Catalogue.standard());
        int hosts = MessageStatistics.MAX_SENDERS + 100;
        for (int i = 0; i < hosts; i++) {
            s.onEvent(response(host(i / 256, i % 256), 503, false));
        }
        Map<String, Map<Integer, Counts>> f = s.failuresBySender();
        assertEquals(MessageStatistics.MAX_SENDERS + 1, f.size());
        assertEquals(100, f.get(MessageStatistics.OTHER_SENDER).get(503).count(), "the rest, counted, not lost");
    }
}
