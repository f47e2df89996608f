package org.sipanalyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report opened in a real browser (Debian's Chromium, headless, driven here): the page's one script runs
 * under its Content-Security-Policy with nothing in the console, the failed calls' table is made sortable, and
 * hostile text from a capture stays text. Skipped where Chromium is not installed (.ci/run installs it).
 */
class HtmlInChromiumTest {

    @TempDir
    Path dir;
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    private static Path chromium() {
        for (String c : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(c))) {
                return Path.of(c);
            }
        }
        return null;
    }

    /** Loads the page headless and returns the DOM after its script ran, and what the browser logged. */
    private String[] open(Path page) throws Exception {
        Path browser = chromium();
        Assumptions.assumeTrue(browser != null, "Chromium is not installed");
        Path profile = Files.createDirectories(dir.resolve("profile"));
        Path dom = dir.resolve("dom.html");
        Path log = dir.resolve("browser.log");
        Process p = new ProcessBuilder(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", "--dump-dom",
                page.toUri().toString()).redirectOutput(dom.toFile()).redirectError(log.toFile()).start();
        started.add(p);
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "Chromium ends");
        return new String[] {Files.readString(dom, StandardCharsets.UTF_8),
                Files.readString(log, StandardCharsets.UTF_8)};
    }

    @Test
    void theReportRunsItsSortScriptWithNothingInTheConsoleAndHostileTextStaysText() throws Exception {
        String hostile = "<img src=x onerror=alert(1)>\"'&";
        String invite = "INVITE sip:b@x SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\n"
                + "From: <sip:a@x>;tag=f\r\n"
                + "To: <sip:b@x>\r\nCall-ID: " + hostile + "\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
        String busy = "SIP/2.0 486 <script>alert(2)</script>\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\n"
                + "From: <sip:a@x>;tag=f\r\nTo: <sip:b@x>;tag=t\r\nCall-ID: " + hostile + "\r\nCSeq: 1 INVITE\r\n"
                + "Content-Length: 0\r\n\r\n";
        Path capture = dir.resolve("hostile.pcap");
        Files.write(capture, AnalyzeCommandTest.pcap(invite, busy));
        Path sample = Path.of(System.getProperty("sipanalyzer.samples", "../samples")).resolve("sipp-calls-udp.pcap");
        Path page = dir.resolve("report.html");
        CliRun r = CliRun.of("analyze", "-f", "html", "-o", page.toString(), sample.toString(), capture.toString());
        assertEquals(ExitCode.OK, r.exit(), r.err());

        String[] loaded = open(page);
        String dom = loaded[0];
        String log = loaded[1];
        assertFalse(log.contains("CONSOLE"), "nothing in the console (a script error or a blocked script): " + log);
        assertTrue(dom.contains("<table class=\"sortable\">"), "the failed calls' table");
        assertTrue(dom.contains("title=\"Sort by this column\""), "the script ran and made the headings clickable");
        assertFalse(dom.contains("<img"), "a Call-ID never becomes an element");
        assertFalse(dom.contains("<script>alert"), "a reason phrase never becomes a script");
        assertTrue(dom.contains("&lt;img src=x onerror=alert(1)&gt;"), "it is shown as text");
        int failedRows = dom.substring(dom.indexOf("<table class=\"sortable\">")).split("</table>")[0].split("<tr>")
                .length - 2;
        assertEquals(18 + 1, failedRows, "the sample's 30 calls less 8 answered and 4 cancelled, and the hostile one");
        // Each failed call drawn message by message, the messages' words on hover, all of it text.
        assertEquals(18 + 1, dom.split("<details class=\"ladder\">").length - 1, "a ladder per failed call");
        assertTrue(dom.contains("<summary>busy (486 &lt;script&gt;alert(2)&lt;/script&gt;): &lt;img src=x"), dom);
        // The message's whole text on hover (its title), after its time and addresses.
        assertTrue(dom.contains(
                " → 127.0.0.1:5060 (UDP)\n\nSIP/2.0 486 Busy Here\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch="),
                "the 486's text on hover");
        assertTrue(dom.contains("\nReason: Q.850;cause=17;text=\"Busy Here\"\n"), "a header the scanner does not read");
        assertTrue(dom.contains("\n\nSIP/2.0 486 &lt;script&gt;alert(2)&lt;/script&gt;\nVia:"), "hostile text as text");
    }
}
