package org.sipanalyzer.scan;

/**
 * The address in a From, To or Contact value (RFC 3261 section 20.10, 25.1): {@code name-addr} ({@code "Display"
 * <sip:uri>;params}, the display name a token list or a quoted string that may itself hold {@code <}, {@code >},
 * {@code ;} or escaped quotes) or {@code addr-spec} ({@code sip:uri;params}). The display name is never taken for the
 * address: {@code "Boss <sip:ceo@bank.example>" <sip:attacker@evil.example>} is attacker@evil.example.
 */
public final class NameAddr {

    private NameAddr() {
    }

    /** The URI of a From/To value: inside the first angle brackets outside quotes, else up to the first ';'. */
    public static String uri(String value) {
        if (value == null) {
            return "";
        }
        int lt = outsideQuotes(value, '<', 0);
        if (lt >= 0) {
            int gt = value.indexOf('>', lt + 1);
            return (gt > lt ? value.substring(lt + 1, gt) : value.substring(lt + 1)).strip();
        }
        if (outsideQuotes(value, '"', 0) < 0 && value.indexOf('"') >= 0) {
            return ""; // only a quoted string, never closed: no address
        }
        int semi = outsideQuotes(value, ';', 0);
        String spec = semi < 0 ? value : value.substring(0, semi);
        return spec.indexOf('"') >= 0 ? "" : spec.strip();
    }

    /** The value without its tag parameter (the part after the address), so that a call's To names the callee. */
    public static String withoutTag(String value) {
        if (value == null) {
            return null;
        }
        int lt = outsideQuotes(value, '<', 0);
        int from = lt >= 0 ? Math.max(value.indexOf('>', lt + 1), lt) : 0;
        int at = value.toLowerCase(java.util.Locale.ROOT).indexOf(";tag=", from);
        while (at >= 0 && insideQuotes(value, at)) {
            at = value.toLowerCase(java.util.Locale.ROOT).indexOf(";tag=", at + 1);
        }
        if (at < 0) {
            return value;
        }
        int end = value.indexOf(';', at + 1);
        return end < 0 ? value.substring(0, at) : value.substring(0, at) + value.substring(end);
    }

    /**
     * The first {@code c} at or after {@code from} outside a quoted string (with its backslash escapes); -1 if
     * none.
     */
    static int outsideQuotes(String v, char c, int from) {
        return indexOutside(v, c, from, false);
    }

    /**
     * The first {@code c} at or after {@code from} outside a quoted string (with its backslash escapes) and, when
     * {@code angles}, outside angle brackets too (a {@code >} closing them is found when asked for); -1 if none. The
     * one walk of RFC 3261's quoting rules (the scanner's, over bytes, is {@link #indexOutside(byte[], int, int, char,
     * boolean)}).
     */
    static int indexOutside(String v, char c, int from, boolean angles) {
        boolean quoted = false;
        boolean angle = false;
        for (int i = from; i < v.length(); i++) {
            char x = v.charAt(i);
            if (quoted) {
                if (x == '\\') {
                    i++;
                } else if (x == '"') {
                    quoted = false;
                }
                continue;
            }
            if (x == c && !angle) {
                return i;
            }
            if (x == '"') {
                quoted = true;
            } else if (angles && x == '<') {
                angle = true;
            } else if (angles && x == '>') {
                if (c == '>') {
                    return i;
                }
                angle = false;
            }
        }
        return -1;
    }

    /**
     * {@link #indexOutside(String, char, int, boolean)} over the bytes {@code v[from, end)}: ASCII text, or UTF-8
     * (whose bytes of other characters are never ASCII), for the scanner, which reads parameters without making
     * strings. The two walks must agree; NameAddrTest compares them.
     */
    static int indexOutside(byte[] v, int from, int end, char c, boolean angles) {
        boolean quoted = false;
        boolean angle = false;
        for (int i = from; i < end; i++) {
            byte x = v[i];
            if (quoted) {
                if (x == '\\') {
                    i++;
                } else if (x == '"') {
                    quoted = false;
                }
                continue;
            }
            if (x == c && !angle) {
                return i;
            }
            if (x == '"') {
                quoted = true;
            } else if (angles && x == '<') {
                angle = true;
            } else if (angles && x == '>') {
                if (c == '>') {
                    return i;
                }
                angle = false;
            }
        }
        return -1;
    }

    private static boolean insideQuotes(String v, int at) {
        boolean quoted = false;
        for (int i = 0; i < at; i++) {
            char x = v.charAt(i);
            if (quoted && x == '\\') {
                i++;
            } else if (x == '"') {
                quoted = !quoted;
            }
        }
        return quoted;
    }
}
