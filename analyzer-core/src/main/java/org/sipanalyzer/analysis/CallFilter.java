package org.sipanalyzer.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.sipanalyzer.catalogue.ResponseClass;
import org.sipanalyzer.net.Endpoint;
import org.sipanalyzer.net.Transport;
import org.sipanalyzer.scan.SipHeaders;
import org.sipanalyzer.sip.SipMessage;

/**
 * Which calls an analysis keeps, as tshark's and sngrep's filters choose: by time, host, port, transport, method,
 * response code or class, Call-ID and header. A filter selects calls, not messages: a Call-ID is kept, with every
 * one of its messages, when each criterion is met by at least one of them (several values of one criterion: any of
 * them). So {@code --host 10.0.0.5 --code 503} keeps the calls through 10.0.0.5 that met a 503, whole. A message
 * without a Call-ID is kept when it meets every criterion itself.
 *
 * <p>Deciding needs every message of a call first, so a filtered analysis reads each input twice (see
 * {@link Selection}): once to choose the Call-IDs, once to analyse what was chosen.
 */
public final class CallFilter {

    /** One criterion a message may meet. */
    public interface Criterion {
        /** Whether {@code e} meets it; {@code inputStart} is the time of its input's first message. */
        boolean test(SipEvent e, long inputStart);

        /** As the user wrote it, for the report. */
        String describe();

        /** Whether it reads the message's text ({@link SipEvent#text()}): the analysis must keep it. */
        default boolean needsText() {
            return false;
        }
    }

    private final List<Criterion> criteria;

    public CallFilter(List<Criterion> criteria) {
        if (criteria.size() > 30) {
            throw new IllegalArgumentException("at most 30 filter criteria, not " + criteria.size());
        }
        this.criteria = List.copyOf(criteria);
    }

    public boolean isEmpty() {
        return criteria.isEmpty();
    }

    /** Whether a criterion reads message text: then both readings need {@link AnalysisOptions#withKeepText}. */
    public boolean needsText() {
        return criteria.stream().anyMatch(Criterion::needsText);
    }

    /** What the filter keeps, as written: "--code 503, --host 10.0.0.5". */
    public String describe() {
        return String.join(", ", criteria.stream().map(Criterion::describe).toList());
    }

    int all() {
        return (1 << criteria.size()) - 1;
    }

    int mask(SipEvent e, long inputStart) {
        int m = 0;
        for (int i = 0; i < criteria.size(); i++) {
            if (criteria.get(i).test(e, inputStart)) {
                m |= 1 << i;
            }
        }
        return m;
    }

    /** Calls starting, or any message sent, between {@code from} and {@code to} (nanoseconds; either may be null). */
    public static Criterion time(String written, Long from, Long to, boolean relative) {
        return new Criterion() {
            @Override
            public boolean test(SipEvent e, long start) {
                if (!e.timed()) {
                    return false;
                }
                long t = relative ? e.timestampNanos() - start : e.timestampNanos();
                return (from == null || t >= from) && (to == null || t < to);
            }

            @Override
            public String describe() {
                return written;
            }
        };
    }

    /** An address range: its bytes and the bits that must match. */
    public record Cidr(byte[] address, int bits) {
        boolean contains(Endpoint e) {
            if (e == null || e.addressLength() != address.length) {
                return false;
            }
            for (int i = 0; i < address.length && i * 8 < bits; i++) {
                int keep = Math.min(8, bits - i * 8);
                int mask = (0xff << (8 - keep)) & 0xff;
                if ((e.addressByte(i) & mask) != (address[i] & mask)) {
                    return false;
                }
            }
            return true;
        }

        /** An IPv4 or IPv6 address, with {@code /BITS} or without: never a name (no lookup). */
        public static Cidr parse(String text) {
            String t = text.strip();
            int slash = t.indexOf('/');
            String host = slash < 0 ? t : t.substring(0, slash);
            if (host.isEmpty() || !host.matches("[0-9A-Fa-f:.]+") || !host.contains(".") && !host.contains(":")) {
                throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR range (10.0.0.0/8,"
                        + " 192.0.2.7, 2001:db8::/32)");
            }
            byte[] a;
            try {
                a = java.net.InetAddress.getByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host)
                        .getAddress();
            } catch (java.net.UnknownHostException ex) {
                throw new IllegalArgumentException("'" + text + "' is not an IP address");
            }
            int bits = a.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(t.substring(slash + 1));
                } catch (NumberFormatException ex) {
                    bits = -1;
                }
                if (bits < 0 || bits > a.length * 8) {
                    throw new IllegalArgumentException("'" + text + "': a prefix length is 0 to " + a.length * 8);
                }
            }
            return new Cidr(a, bits);
        }
    }

    /** Which side of a message an address must be on. */
    public enum Side { EITHER, SOURCE, DESTINATION }

    public static Criterion hosts(String written, List<Cidr> ranges, Side side) {
        return new Criterion() {
            @Override
            public boolean test(SipEvent e, long start) {
                for (Cidr c : ranges) {
                    if (side != Side.DESTINATION && c.contains(e.source())
                            || side != Side.SOURCE && c.contains(e.destination())) {
                        return true;
                    }
                }
                return false;
            }

            @Override
            public String describe() {
                return written;
            }
        };
    }

    public static Criterion ports(String written, Set<Integer> ports) {
        return simple(written, e -> e.source() != null && ports.contains(e.source().port())
                || e.destination() != null && ports.contains(e.destination().port()));
    }

    public static Criterion transports(String written, Set<Transport> transports) {
        return simple(written, e -> transports.contains(e.transport()));
    }

    /** A request's method, or for a response the method of its CSeq. */
    public static Criterion methods(String written, Set<String> upperCaseMethods) {
        return simple(written, e -> {
            SipMessage m = e.message();
            String method = m instanceof SipMessage.Request r ? r.method() : m.cseqMethod();
            return method != null && upperCaseMethods.contains(method.toUpperCase(Locale.ROOT));
        });
    }

    public static Criterion codes(String written, Set<Integer> codes, Set<ResponseClass> classes) {
        return simple(written, e -> {
            if (!(e.message() instanceof SipMessage.Response r)) {
                return false;
            }
            int c = r.statusCode();
            return codes.contains(c) || ResponseClass.of(c).map(classes::contains).orElse(false);
        });
    }

    /** A Call-ID glob: {@code *} any run of characters, {@code ?} one; case as written. */
    public static Criterion callId(String written, String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        Pattern p = Pattern.compile(re.toString(), Pattern.DOTALL);
        return simple(written, e -> e.message().callId() != null && p.matcher(e.message().callId()).matches());
    }

    /**
     * The headers the scanner reads from every message: without the message's text (an embedder's analysis that does
     * not keep it), {@code --match} can still test these, from the scanner's fields (the top Via only).
     */
    public static final List<String> HEADERS = List.of("From", "To", "Call-ID", "CSeq", "Via", "User-Agent", "Server",
            "Reason", "Warning", "Retry-After", "Request-URI");

    /**
     * {@code NAME~=REGEX} (a case-insensitive search) or {@code NAME=TEXT} (contains, any case) on any header, full
     * or compact name, any case: a message meets it when one of that header's values does (every occurrence, folded
     * lines joined; see {@link SipHeaders}). {@code Request-URI} names the request's URI.
     */
    public static Criterion header(String written, String expression) {
        int op = expression.indexOf('=');
        if (op <= 0) {
            throw new IllegalArgumentException("'" + expression + "' is not a header match; write NAME~=REGEX or"
                    + " NAME=TEXT, e.g. 'User-Agent~=Polycom'");
        }
        boolean regex = expression.charAt(op - 1) == '~';
        String name = expression.substring(0, regex ? op - 1 : op).strip();
        String value = expression.substring(op + 1);
        if (!SipHeaders.isName(name)) {
            throw new IllegalArgumentException("'" + name
                    + "' is not a header name; --match takes a header (User-Agent,"
                    + " Contact, X-Anything, a compact form such as m) or Request-URI");
        }
        Pattern p;
        try {
            p = regex ? Pattern.compile(value, Pattern.CASE_INSENSITIVE)
                    : Pattern.compile(Pattern.quote(value), Pattern.CASE_INSENSITIVE);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new IllegalArgumentException("'" + value + "' is not a regular expression: "
                    + e.getDescription() + " at index " + e.getIndex());
        }
        if (name.equalsIgnoreCase("Request-URI")) {
            return simple(written, e -> e.message() instanceof SipMessage.Request r && r.requestUri() != null
                    && p.matcher(r.requestUri()).find());
        }
        String canonical = SipHeaders.canonical(name);
        String extracted = HEADERS.stream().filter(h -> h.equalsIgnoreCase(canonical)).findFirst().orElse(null);
        return new Criterion() {
            @Override
            public boolean test(SipEvent e, long inputStart) {
                if (e.text() != null) {
                    for (String v : SipHeaders.values(e.text(), canonical)) {
                        if (p.matcher(v).find()) {
                            return true;
                        }
                    }
                    return false;
                }
                String v = extracted == null ? null : headerValue(e.message(), extracted);
                return v != null && p.matcher(v).find();
            }

            @Override
            public String describe() {
                return written;
            }

            @Override
            public boolean needsText() {
                return true;
            }
        };
    }

    private static String headerValue(SipMessage m, String header) {
        return switch (header) {
            case "From" -> m.from();
            case "To" -> m.to();
            case "Call-ID" -> m.callId();
            case "CSeq" -> m.cseqNumber() < 0 || m.cseqMethod() == null ? null : m.cseqNumber() + " " + m.cseqMethod();
            case "Via" -> m.viaSentBy() == null ? null : "SIP/2.0/" + m.viaTransport() + " " + m.viaSentBy()
                    + (m.viaBranch() == null ? "" : ";branch=" + m.viaBranch());
            case "User-Agent" -> m.userAgent();
            case "Server" -> m.server();
            case "Reason" -> m.reason();
            case "Warning" -> m.warning();
            case "Retry-After" -> m.retryAfter();
            default -> m instanceof SipMessage.Request r ? r.requestUri() : null;
        };
    }

    private static Criterion simple(String written, java.util.function.Predicate<SipEvent> test) {
        return new Criterion() {
            @Override
            public boolean test(SipEvent e, long start) {
                return test.test(e);
            }

            @Override
            public String describe() {
                return written;
            }
        };
    }

    /**
     * The first reading of a filtered analysis: a listener that notes, per input, which criteria each Call-ID's
     * messages met, and keeps the Call-IDs that met them all. Bounded: at most {@link #MAX_CALL_IDS} Call-IDs are
     * followed per input; beyond that, new ones are counted as not examined, and their calls are left out.
     */
    public static final class Selection implements StatisticsListener {

        public static final int MAX_CALL_IDS = 2_000_000;

        private final CallFilter filter;
        private final Map<Integer, Map<String, Integer>> masks = new HashMap<>();
        private final Map<Integer, Long> starts = new HashMap<>();
        private final Map<Integer, Set<String>> chosen = new HashMap<>();
        private long notExamined;

        public Selection(CallFilter filter) {
            this.filter = filter;
        }

        @Override
        public String name() {
            return "filter";
        }

        @Override
        public void onEvent(SipEvent e) {
            long start = starts.computeIfAbsent(e.input(), k -> e.timestampNanos());
            String id = e.message().callId();
            if (id == null) {
                return; // judged on its own in the second reading
            }
            Map<String, Integer> m = masks.computeIfAbsent(e.input(), k -> new HashMap<>());
            Integer old = m.get(id);
            if (old == null && m.size() >= MAX_CALL_IDS) {
                notExamined++;
                return;
            }
            m.put(id, (old == null ? 0 : old) | filter.mask(e, start));
        }

        @Override
        public void onInputEnd(int input) {
            Map<String, Integer> m = masks.remove(input);
            Set<String> keep = new java.util.HashSet<>();
            if (m != null) {
                int all = filter.all();
                m.forEach((id, mask) -> {
                    if (mask == all) {
                        keep.add(id);
                    }
                });
            }
            chosen.put(input, keep);
        }

        /** Messages of Call-IDs beyond the bound, left out unexamined. */
        public long notExamined() {
            return notExamined;
        }

        /** The gate of the second reading: what this selection keeps, and counts of what it removes. */
        public Gate gate() {
            return new Gate(filter, chosen, starts);
        }
    }

    /** What the second reading keeps; counts what it removes. */
    public static final class Gate {
        private final CallFilter filter;
        private final Map<Integer, Set<String>> chosen;
        private final Map<Integer, Long> starts;
        private long messagesRemoved;
        private final Map<Integer, Set<String>> callsRemoved = new HashMap<>();

        Gate(CallFilter filter, Map<Integer, Set<String>> chosen, Map<Integer, Long> starts) {
            this.filter = filter;
            this.chosen = chosen;
            this.starts = starts;
        }

        synchronized boolean keep(SipEvent e) {
            String id = e.message().callId();
            boolean keep = id != null ? chosen.getOrDefault(e.input(), Set.of()).contains(id)
                    : filter.mask(e, starts.getOrDefault(e.input(), e.timestampNanos())) == filter.all();
            if (!keep) {
                messagesRemoved++;
                SipMessage m = e.message();
                if (id != null && m instanceof SipMessage.Request r && "INVITE".equals(r.method())
                        && (m.toTag() == null || m.toTag().isEmpty())) {
                    callsRemoved.computeIfAbsent(e.input(), k -> new java.util.HashSet<>()).add(id);
                }
            }
            return keep;
        }

        public synchronized long messagesRemoved() {
            return messagesRemoved;
        }

        /** Calls (Call-IDs with an initial INVITE) the filter left out. */
        public synchronized long callsRemoved() {
            return callsRemoved.values().stream().mapToLong(Set::size).sum();
        }
    }

    /** The criteria, for tests. */
    List<Criterion> criteria() {
        return new ArrayList<>(criteria);
    }
}
