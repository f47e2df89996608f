package org.sipanalyzer.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipanalyzer.testing.SharedData;

class SipHeadersTest {

    private static final String INVITE = "INVITE sip:bob@example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776asdhds\r\n"
            + "v: SIP/2.0/UDP proxy.example.com;branch=z9hG4bK1\r\n"
            + "Subject: a long\r\n   subject\r\n\tline\r\n"
            + "m: <sip:alice@pc33.example.com>\r\n"
            + "X-Tenant : acme \r\n"
            + "Content-Length: 14\r\n\r\n"
            + "Contact: body\r\n";

    @Test
    void everyOccurrenceByFullOrCompactNameInAnyCase() {
        assertEquals(List.of("SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776asdhds",
                "SIP/2.0/UDP proxy.example.com;branch=z9hG4bK1"), SipHeaders.values(INVITE, "VIA"));
        assertEquals(SipHeaders.values(INVITE, "via"), SipHeaders.values(INVITE, "v"));
        assertEquals(List.of("<sip:alice@pc33.example.com>"), SipHeaders.values(INVITE, "Contact"),
                "the compact m, and not the body's line");
        assertEquals(List.of("acme"), SipHeaders.values(INVITE, "x-tenant"), "space before the colon");
        assertEquals(List.of("a long subject line"), SipHeaders.values(INVITE, "s"), "folded lines, one space each");
        assertTrue(SipHeaders.values(INVITE, "INVITE sip").isEmpty(), "the start line is no header");
        assertTrue(SipHeaders.values("SIP/2.0 200 OK\nTo: <sip:b@x>;tag=1\n\n", "t").contains("<sip:b@x>;tag=1"),
                "LF line ends");
    }

    @Test
    void namesAreTokens() {
        assertTrue(SipHeaders.isName("P-Asserted-Identity"));
        assertTrue(SipHeaders.isName("m"));
        assertFalse(SipHeaders.isName("Con tact"));
        assertFalse(SipHeaders.isName(""));
        assertFalse(SipHeaders.isName("To:"));
        assertEquals("call-id", SipHeaders.canonical("i"));
        assertEquals("x-anything", SipHeaders.canonical("X-Anything"));
    }

    /** RFC 4475's wsinv: folded headers, spaces around colons, a compact Call-ID and l. */
    @Test
    void theTortureTestsWhitespaceMessage() throws IOException {
        Path f = SharedData.require("torture/rfc4475/wsinv.dat");
        String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
        assertEquals(1, SipHeaders.values(text, "Call-ID").size());
        assertEquals(SipHeaders.values(text, "i"), SipHeaders.values(text, "call-id"));
        assertEquals(2, SipHeaders.values(text, "Via").size(), text);
        assertEquals(List.of("newfangled value continued newfangled value"),
                SipHeaders.values(text, "newfangledheader"));
        String from = SipHeaders.values(text, "From").get(0);
        assertFalse(from.contains("\n") || from.contains("\r"), "folding undone: " + from);
    }
}
