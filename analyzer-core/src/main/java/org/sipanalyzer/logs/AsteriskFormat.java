package org.sipanalyzer.logs;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asterisk's SIP debug output, on the console or in the full log (whose prefix {@code [date] VERBOSE[123] ...}
 * {@link LinePrefix} takes off and whose time it keeps): chan_sip's {@code sip set debug on}
 * ({@code <--- SIP read from UDP:10.0.0.1:5060 --->}, {@code <--- Transmitting (no NAT) to 10.0.0.1:5060 --->},
 * each message closed by {@code <------------->}; requests sent reliably after
 * {@code Reliably Transmitting (no NAT) to 10.0.0.1:5060:}, closed by {@code ---}) and res_pjsip_logger's
 * {@code pjsip set logger on} ({@code <--- Received SIP request (1053 bytes) from UDP:10.0.0.1:5060 --->},
 * {@code <--- Transmitting SIP response (543 bytes) to UDP:10.0.0.1:5060 --->}). Only the remote end is named:
 * Asterisk's own address is unknown (0.0.0.0:0).
 */
final class AsteriskFormat extends LogFormat.Blocks {

    private static final Pattern MARKER = Pattern.compile(
            "^\\s*<--- (SIP read from|(?:Reliably )?Transmitting(?: \\((?:no )?NAT\\))? to|"
                    + "Received SIP (?:request|response)"
                    + "(?: \\(\\d{1,9} bytes\\))? from|"
                    + "Transmitting SIP (?:request|response)(?: \\(\\d{1,9} bytes\\))? to)"
                    + " (?:(UDP|TCP|TLS|WSS?|SCTP):)?\\[?([0-9A-Fa-f:.]{2,45}?)\\]?:(\\d{1,5}) --->");
    /**
     * chan_sip's requests it sends reliably: {@code Reliably Transmitting (no NAT) to 10.0.0.1:5060:}, closed by
     * {@code ---}.
     */
    private static final Pattern RELIABLY = Pattern.compile(
            "^\\s*(Reliably Transmitting)(?: \\((?:no )?NAT\\))? to (?:(UDP|TCP|TLS|WSS?|SCTP):)?"
                    + "\\[?([0-9A-Fa-f:.]{2,45}?)\\]?"
                    + ":(\\d{1,5}):\\s*$");
    private static final Pattern END = Pattern.compile("^\\s*(?:<-{6,}>|-{3})\\s*$");

    @Override
    String name() {
        return "Asterisk SIP debug";
    }

    @Override
    int confidence(Head head) {
        return head.any(MARKER) ? 90 : 0;
    }

    @Override
    Layout layout() {
        return new Layout() {
            @Override
            boolean describe(String line, Meta meta, LogTime time) {
                Matcher m = MARKER.matcher(line);
                if (!m.find()) {
                    m = RELIABLY.matcher(line);
                    if (!m.find()) {
                        return false;
                    }
                }
                boolean received = m.group(1).startsWith("SIP read") || m.group(1).startsWith("Received");
                meta.direction(received, Endpoints.UNKNOWN, Endpoints.parse(m.group(3), m.group(4)));
                meta.transport = Endpoints.transport(m.group(2));
                return true;
            }

            @Override
            String content(String line) {
                if (END.matcher(line).find() || MARKER.matcher(line).find() || RELIABLY.matcher(line).find()) {
                    return null;
                }
                return line;
            }

            @Override
            boolean requiresDescription() {
                return true;
            }
        };
    }
}
