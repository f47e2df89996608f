package org.sipanalyzer.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sipanalyzer.analysis.SipEvent;
import org.sipanalyzer.analysis.StatisticsListener;
import org.sipanalyzer.calls.Call;
import org.sipanalyzer.calls.CallOutcome;
import org.sipanalyzer.net.Endpoint;
import org.sipanalyzer.sip.SipMessage;

/**
 * The failed calls the HTML and Markdown reports show (calls neither answered nor cancelled): the first
 * {@link #MAX_LISTED} by start, and the messages of the first {@link #MAX_LADDERS} to draw each as a ladder (sngrep's
 * flow). A listener that keeps the recent messages of open calls, bounded, and {@link #finished(Call)}, fed by the
 * call tracker. Register it after the tracker: it must still hold an input's messages when the tracker judges that
 * input's last calls.
 */
public final class FailedCalls implements StatisticsListener {

    /** Failed calls listed, at most: the earliest by start. */
    public static final int MAX_LISTED = 1_000;
    /** Ladders kept: the failed calls that come first. */
    public static final int MAX_LADDERS = 50;
    /** Calls whose messages are held at once, per input; the oldest is let go past it. */
    static final int MAX_OPEN = 2_000;
    /** Messages held per call. */
    static final int MAX_MESSAGES = 30;
    /** Characters of message text held per message, and in all; past the total, messages are held without it. */
    static final int MAX_TEXT = 4_096;
    static final long MAX_TEXT_TOTAL = 16L << 20;

    /** One failed call and its messages, in order. */
    public record Ladder(Call call, List<SipEvent> messages) implements java.io.Serializable {

        private static final long serialVersionUID = 1L;
    }

    private final Map<Integer, LinkedHashMap<String, List<SipEvent>>> open = new HashMap<>();
    private final List<Ladder> ladders = new ArrayList<>();
    /** The earliest failed calls by input and start; ties in the order they came. */
    private final java.util.TreeMap<long[], Call> listed = new java.util.TreeMap<>((a, b) -> {
        int c = Long.compare(a[0], b[0]);
        c = c != 0 ? c : Long.compare(a[1], b[1]);
        return c != 0 ? c : Long.compare(a[2], b[2]);
    });
    private long finished;
    private long textHeld;

    /** A listener with nothing collected yet. */
    public FailedCalls() {
    }

    @Override
    public String name() {
        return "ladders";
    }

    @Override
    public void onEvent(SipEvent e) {
        String id = e.message().callId();
        if (id == null || ladders.size() >= MAX_LADDERS) {
            return;
        }
        LinkedHashMap<String, List<SipEvent>> calls = open.computeIfAbsent(e.input(), k -> new LinkedHashMap<>());
        List<SipEvent> l = calls.get(id);
        if (l == null) {
            if (calls.size() >= MAX_OPEN) {
                let(calls.remove(calls.keySet().iterator().next()));
            }
            l = new ArrayList<>();
            calls.put(id, l);
        }
        if (l.size() < MAX_MESSAGES) {
            l.add(held(e));
        }
    }

    /** {@code e} as held: its text cut to {@link #MAX_TEXT}, or dropped once {@link #MAX_TEXT_TOTAL} is held. */
    private SipEvent held(SipEvent e) {
        String t = e.text();
        if (t == null) {
            return e;
        }
        if (t.length() > MAX_TEXT) {
            t = t.substring(0, MAX_TEXT) + "\n…";
        }
        if (textHeld + t.length() > MAX_TEXT_TOTAL) {
            return e.withoutText();
        }
        textHeld += t.length();
        return t == e.text() ? e : new SipEvent(e.input(), e.frame(), e.timestampNanos(), e.source(), e.destination(),
                e.transport(), e.message(), e.code(), e.retransmission(), e.duplicate(), e.timed(), t);
    }

    /** Messages let go: their text no longer counts against the total. */
    private void let(List<SipEvent> messages) {
        if (messages != null) {
            for (SipEvent m : messages) {
                textHeld -= m.text() == null ? 0 : m.text().length();
            }
        }
    }

    @Override
    public void onInputEnd(int input) {
        LinkedHashMap<String, List<SipEvent>> calls = open.remove(input);
        if (calls != null) {
            calls.values().forEach(this::let);
        }
    }

    /** A call the tracker judged: when it failed, listed (if among the earliest) and drawn while room is left. */
    public void finished(Call c) {
        if (c.outcome() == CallOutcome.ANSWERED || c.outcome() == CallOutcome.CANCELLED) {
            Map<String, List<SipEvent>> calls = open.get(c.input());
            if (calls != null) {
                let(calls.remove(c.callId())); // not drawn: its messages need not wait to be pushed out
            }
            return;
        }
        listed.put(new long[] {c.input(), c.start(), finished++}, c);
        if (listed.size() > MAX_LISTED) {
            listed.pollLastEntry();
        }
        if (ladders.size() >= MAX_LADDERS) {
            return;
        }
        Map<String, List<SipEvent>> calls = open.get(c.input());
        List<SipEvent> l = calls == null ? null : calls.remove(c.callId());
        if (l != null && !l.isEmpty()) {
            ladders.add(new Ladder(c, List.copyOf(l))); // its text stays counted: at most 50 ladders are kept
        }
    }

    /** The failed calls to list, in input and start order. */
    public List<Call> listed() {
        return List.copyOf(listed.values());
    }

    public List<Ladder> ladders() {
        List<Ladder> l = new ArrayList<>(ladders);
        l.sort(java.util.Comparator.comparingInt((Ladder x) -> x.call().input())
                .thenComparingLong(x -> x.call().start()));
        return l;
    }

    private static final int COLUMN = 230;
    private static final int ROW = 26;
    private static final int TOP = 40;
    private static final int TIME = 110;

    /**
     * A ladder as an SVG element for an HTML page: a column per endpoint, an arrow per message with its first line,
     * and on hover (a title) what the message said: time, first line, From, To, CSeq, Reason, User-Agent or Server.
     * Every text is escaped.
     */
    static String svg(Ladder ladder) {
        Map<Endpoint, Integer> columns = new LinkedHashMap<>();
        for (SipEvent e : ladder.messages()) {
            columns.putIfAbsent(e.source(), columns.size());
            columns.putIfAbsent(e.destination(), columns.size());
        }
        int width = TIME + Math.max(2, columns.size()) * COLUMN;
        int height = TOP + ladder.messages().size() * ROW + 10;
        StringBuilder sb = new StringBuilder();
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ladder\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" width=\"").append(width).append("\" font-family=\"sans-serif\""
                        + " font-size=\"12\">");
        for (Map.Entry<Endpoint, Integer> c : columns.entrySet()) {
            int x = TIME + c.getValue() * COLUMN + COLUMN / 2;
            sb.append("<text x=\"").append(x).append("\" y=\"16\" text-anchor=\"middle\" font-weight=\"bold\">")
                    .append(Doc.HtmlDoc.escape(c.getKey() == null ? "?" : c.getKey().isUnspecified()
                            ? Endpoint.UNKNOWN_HOST : c.getKey().toString())).append("</text>");
            sb.append("<line x1=\"").append(x).append("\" y1=\"24\" x2=\"").append(x).append("\" y2=\"").append(height)
                    .append("\" stroke=\"#999\"/>");
        }
        java.time.format.DateTimeFormatter time = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
                .withZone(java.time.ZoneOffset.UTC);
        int y = TOP;
        for (SipEvent e : ladder.messages()) {
            int a = TIME + columns.get(e.source()) * COLUMN + COLUMN / 2;
            int b = TIME + columns.get(e.destination()) * COLUMN + COLUMN / 2;
            SipMessage m = e.message();
            int code = m instanceof SipMessage.Response r ? r.statusCode() : 0;
            String colour = !m.isResponse() ? "#1565c0" : code >= 300 ? "#c62828" : code >= 200 ? "#2e7d32"
                    : "#757575";
            sb.append("<g><title>").append(Doc.HtmlDoc.escape(hover(e, time))).append("</title>");
            if (e.timed()) {
                sb.append("<text x=\"4\" y=\"").append(y + 4).append("\">")
                        .append(time.format(java.time.Instant.ofEpochSecond(0, e.timestampNanos()))).append("</text>");
            }
            sb.append("<line x1=\"").append(a).append("\" y1=\"").append(y).append("\" x2=\"").append(b)
                    .append("\" y2=\"").append(y).append("\" stroke=\"").append(colour)
                    .append("\" stroke-width=\"2\"/>");
            int dir = b >= a ? -1 : 1;
            sb.append("<polygon points=\"").append(b).append(',').append(y).append(' ').append(b + dir * 8).append(',')
                    .append(y - 4).append(' ').append(b + dir * 8).append(',').append(y + 4).append("\" fill=\"")
                    .append(colour).append("\"/>");
            String label = (e.retransmission() ? "(retransmission) " : "") + m.firstLine();
            label = label.length() > 40 ? label.substring(0, 39) + "…" : label;
            sb.append("<text x=\"").append((a + b) / 2).append("\" y=\"").append(y - 4)
                    .append("\" text-anchor=\"middle\">").append(Doc.HtmlDoc.escape(label)).append("</text></g>");
            y += ROW;
        }
        return sb.append("</svg>").toString();
    }

    /**
     * What hovering over a message shows: its time and sender, then its text as sent when the analysis kept it, else
     * the first line and the headers the scanner read.
     */
    private static String hover(SipEvent e, java.time.format.DateTimeFormatter time) {
        SipMessage m = e.message();
        String when = e.timed() ? time.format(java.time.Instant.ofEpochSecond(0, e.timestampNanos())) + "  " : "";
        if (e.text() != null) {
            return when + e.source() + " → " + e.destination() + " (" + e.transport() + ")\n\n"
                    + e.text().replace("\r\n", "\n").strip();
        }
        List<String> lines = new ArrayList<>();
        lines.add(when + m.firstLine());
        add(lines, "From", m.from());
        add(lines, "To", m.to());
        add(lines, "CSeq", m.cseqNumber() < 0 ? null : m.cseqNumber() + " " + m.cseqMethod());
        add(lines, "Reason", m.reason());
        add(lines, "Warning", m.warning());
        add(lines, "User-Agent", m.userAgent());
        add(lines, "Server", m.server());
        return String.join("\n", lines);
    }

    private static void add(List<String> lines, String name, String value) {
        if (value != null && !value.isEmpty()) {
            lines.add(name + ": " + (value.length() > 200 ? value.substring(0, 200) + "…" : value));
        }
    }

    /** A heading for a ladder: its outcome and final response. */
    static String caption(Ladder l) {
        Call c = l.call();
        return String.format(Words.NUMBERS, "%s%s: %s", c.outcome().word(), c.finalCode().isEmpty() ? ""
                : " (" + c.finalCode().getAsInt() + " " + c.finalReason().orElse("") + ")",
                c.callId() == null ? "" : c.callId());
    }
}
