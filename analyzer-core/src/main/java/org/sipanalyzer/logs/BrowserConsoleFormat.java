package org.sipanalyzer.logs;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sipanalyzer.net.Endpoint;
import org.sipanalyzer.net.Transport;

/**
 * The console logs of the browser SIP stacks, as a browser's console or Node.js prints them. JsSIP with debug on:
 * {@code 2026-12-02T08:23:10.576Z JsSIP:Transport sending message:} (or {@code received text message:}; without the
 * time when the debug package hides dates). SIP.js at log level debug: {@code Wed Dec 02 2026 08:24:06 GMT+0000
 * (Coordinated Universal Time) | sip.Transport | Sending WebSocket message:} (or {@code Received WebSocket text
 * message:}). An empty line, then the message. The server is the WebSocket URL the stack connects to, when it is an
 * address; the browser's own end is not in the log.
 */
final class BrowserConsoleFormat extends LogFormat.Blocks {

    private static final Pattern EVENT = Pattern.compile(
            "\\b(?:JsSIP:Transport (sending message|received text message)"
                    + "|sip\\.Transport \\| (Sending WebSocket message|Received WebSocket text message)):\\s*$");
    private static final Pattern SERVER = Pattern.compile("\\b(?:connecting to WebSocket|Connecting) (wss?)://"
            + "\\[?([0-9A-Fa-f:.]{2,45}?)\\]?:(\\d{1,5})\\b");

    @Override
    String name() {
        return "browser SIP stack console (JsSIP, SIP.js)";
    }

    @Override
    int confidence(Head head) {
        return head.any(EVENT) ? 90 : 0;
    }

    @Override
    Layout layout() {
        return new Layout() {
            private Endpoint server = Endpoints.UNKNOWN;

            @Override
            boolean describe(String line, Meta meta, LogTime time) {
                Matcher s = SERVER.matcher(line);
                if (s.find()) {
                    server = Endpoints.parse(s.group(2), s.group(3));
                    return false;
                }
                Matcher m = EVENT.matcher(line);
                if (!m.find()) {
                    return false;
                }
                String what = m.group(1) != null ? m.group(1) : m.group(2);
                meta.direction(what.toLowerCase(java.util.Locale.ROOT).startsWith("received"), Endpoints.UNKNOWN,
                        server);
                meta.transport = Transport.WS;
                meta.time = time.findDated(line);
                return true;
            }

            @Override
            boolean requiresDescription() {
                return true;
            }
        };
    }
}
